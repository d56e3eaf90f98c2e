/**
 * Base models by content: {@link dev.openledger.modelfactory.base.BaseModelHash} names a model by
 * what it computes, and {@link dev.openledger.modelfactory.base.BaseModelStore} keeps imported base
 * model directories under that name, so jobs, registrations and serving refer to a base by hash.
 *
 * <p>Invariants: a stored base's directory name is its content hash, checked again whenever it is
 * loaded; a directory appears in the store only complete (copied elsewhere, synced, renamed into
 * place).
 */
package dev.openledger.modelfactory.base;
