/**
 * Proof of Attribution over ModelFactory's models: {@link
 * dev.openledger.modelfactory.poa.FactoryModels} turns a fine-tuned model's artifact set and the
 * Datanet versions it trained on into the attribution service's inputs, and {@link
 * dev.openledger.modelfactory.poa.AttributionEval} measures attribution's accuracy and resistance
 * to gaming on Brown-corpus Datanets with models fine-tuned through ModelFactory.
 *
 * <p>Invariant: the rows attribution sees are exactly the rows of the Datanet versions recorded in
 * the model's spec, with the owners those versions record; the gradient store's rows must all be
 * among them.
 */
package dev.openledger.modelfactory.poa;
