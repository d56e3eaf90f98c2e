package dev.openledger.attribution.score;

/** The scoring methods; all give helpfulness (positive: helps the query). */
public enum ScoringMethod {
  /** DataInf's closed form with per-tensor damping (Kwon et al. 2024, eq. 5). */
  DATAINF,
  /** TracIn-CP: Σ_c η_c ⟨v_c, g_{c,i}⟩ over the stored checkpoints (Pruthi et al. 2020). */
  TRACIN,
  /** ⟨v, g_i⟩ at the final checkpoint. */
  GRAD_DOT,
  /** ⟨v, g_i⟩ / (‖v‖‖g_i‖) at the final checkpoint. */
  GRAD_COS
}
