package dev.openledger.modelfactory.eval;

/**
 * One greedy continuation of a held-out row's opening by the base and by the adapted model.
 *
 * @param datanet the datanet version label ({@code ID@VERSION}) the row comes from
 * @param prompt the opening given to both models
 * @param base the base model's continuation
 * @param adapter the adapted model's continuation
 */
public record SampleGeneration(String datanet, String prompt, String base, String adapter) {}
