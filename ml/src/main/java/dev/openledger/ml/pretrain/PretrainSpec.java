package dev.openledger.ml.pretrain;

/**
 * What to pre-train.
 *
 * @param preset model and training shape
 * @param steps optimizer steps ({@code <= 0}: the preset's default)
 * @param seed seeds initialisation, data order and nothing else
 */
public record PretrainSpec(Preset preset, int steps, long seed) {

  /** Steps actually run. */
  public int effectiveSteps() {
    return steps > 0 ? steps : preset.defaultSteps();
  }
}
