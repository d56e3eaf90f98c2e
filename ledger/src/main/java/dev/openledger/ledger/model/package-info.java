/**
 * The model registry (message code 5): fine-tuned models registered with their lineage (base model,
 * adapter, datanet versions with Merkle roots, configuration, evaluation, artifacts), their
 * approval state machine, and the developer's inference price.
 *
 * <p>Invariants: a name belongs to the developer who registered its first version, and its versions
 * are numbered 1, 2, … without gaps; every datanet version a model names exists on chain with the
 * same root, and the developer had access to it when the model was registered; states move only
 * along registered → proposed → approved | rejected, and registered | proposed | approved →
 * retired, each step by the party the rules name (developer, or the governance authority); the
 * state index lists each model exactly once, under its current state.
 */
package dev.openledger.ledger.model;
