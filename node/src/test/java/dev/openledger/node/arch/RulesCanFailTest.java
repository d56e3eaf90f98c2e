package dev.openledger.node.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.openledger.archfixture.Stray;
import dev.openledger.core.archfixture.CoreUsesLedger;
import dev.openledger.datanet.archfixture.Prints;
import dev.openledger.ledger.archfixture.LedgerUsesMl;
import dev.openledger.ledger.archfixture.ReadsClock;
import dev.openledger.ledger.engine.archfixture.SequencerClock;
import dev.openledger.ml.archfixture.UsesPicocli;
import dev.openledger.node.archfixture.CommitsBlock;
import dev.openledger.node.archfixture.CreditsAccount;
import dev.openledger.node.archfixture.FeatureRoutes;
import dev.openledger.node.archfixture.SubmitsTransaction;
import dev.openledger.node.archfixture.UsesJavalin;
import dev.openledger.openlora.archfixture.OpenLoraUsesDatanet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureRules} run against classes that break it on purpose (the {@code
 * archfixture} packages of the node's test sources): the rule fails, and its report names the
 * offending class, the member it reaches for and the source line. The allowed counterparts (an
 * engine reading the clock, a submit, a main method printing) pass.
 */
class RulesCanFailTest {
  private static JavaClasses of(Class<?>... fixtures) {
    return new ClassFileImporter().importClasses(fixtures);
  }

  private static List<String> violations(ArchRule rule, Class<?>... fixtures) {
    EvaluationResult result = rule.evaluate(of(fixtures));
    return result.getFailureReport().getDetails();
  }

  @Test
  void ledgerImportingMlBreaksTheModuleDirectionsAndTheNoMlRule() {
    assertThat(violations(ArchitectureRules.MODULE_DIRECTIONS, LedgerUsesMl.class))
        .anySatisfy(
            v ->
                assertThat(v)
                    .contains(
                        "LedgerUsesMl.layers",
                        "dev.openledger.ml.model.LlamaConfig",
                        "LedgerUsesMl.java"));
    assertThat(violations(ArchitectureRules.LEDGER_HAS_NO_ML, LedgerUsesMl.class))
        .anySatisfy(
            v ->
                assertThat(v)
                    .contains("LedgerUsesMl", "dev.openledger.ml.model.LlamaConfig.nLayers()"));
  }

  @Test
  void openLoraReachingForDatanetBreaksTheModuleDirections() {
    assertThat(violations(ArchitectureRules.MODULE_DIRECTIONS, OpenLoraUsesDatanet.class))
        .anySatisfy(
            v ->
                assertThat(v)
                    .contains(
                        "OpenLoraUsesDatanet.close",
                        "dev.openledger.datanet.DatanetService.close()"));
  }

  @Test
  void coreImportingTheLedgerBreaksSelfContainment() {
    assertThat(violations(ArchitectureRules.CORE_IS_SELF_CONTAINED, CoreUsesLedger.class))
        .anySatisfy(
            v ->
                assertThat(v)
                    .contains(
                        "CoreUsesLedger.nonce",
                        "dev.openledger.ledger.tx.Transaction.nonce()",
                        "CoreUsesLedger.java"));
    assertThat(violations(ArchitectureRules.MODULE_DIRECTIONS, CoreUsesLedger.class)).isNotEmpty();
  }

  @Test
  void aClassOutsideEveryModuleIsNamed() {
    assertThat(violations(ArchitectureRules.EVERY_CLASS_IN_A_MODULE, Stray.class))
        .anySatisfy(v -> assertThat(v).contains("dev.openledger.archfixture.Stray"));
  }

  @Test
  void committingToTheStoreOrCallingAStateWritePathOutsideTheLedgerIsNamed() {
    assertThat(violations(ArchitectureRules.ONLY_THE_LEDGER_WRITES_STATE, CommitsBlock.class))
        .anySatisfy(
            v ->
                assertThat(v)
                    .contains(
                        "CommitsBlock.write",
                        "LedgerStore.commit(dev.openledger.ledger.store.BlockCommit)",
                        "CommitsBlock.java"));
    assertThat(violations(ArchitectureRules.ONLY_THE_LEDGER_WRITES_STATE, CreditsAccount.class))
        .anySatisfy(v -> assertThat(v).contains("CreditsAccount.mint", "Accounts.credit("))
        .anySatisfy(v -> assertThat(v).contains("CreditsAccount.poke", "State.delete("));
    assertThat(
            ArchitectureRules.ONLY_THE_LEDGER_WRITES_STATE
                .evaluate(of(SubmitsTransaction.class))
                .hasViolation())
        .isFalse();
  }

  @Test
  void picocliOutsideTheCliIsNamed() {
    assertThat(violations(ArchitectureRules.PICOCLI_ONLY_IN_CLI, UsesPicocli.class))
        .anySatisfy(v -> assertThat(v).contains("UsesPicocli.run", "picocli.CommandLine"));
  }

  @Test
  void javalinOutsideTheHttpPackagesIsNamedButARouteModuleMayUseIt() {
    assertThat(
            violations(
                ArchitectureRules.JAVALIN_ONLY_IN_HTTP, UsesJavalin.class, FeatureRoutes.class))
        .anySatisfy(v -> assertThat(v).contains("UsesJavalin.path", "io.javalin.http.Context"))
        .noneSatisfy(v -> assertThat(v).contains("FeatureRoutes"));
  }

  @Test
  void consoleOutputOutsideTheCliIsNamedButAMainMethodMayPrint() {
    List<String> v = violations(ArchitectureRules.NO_CONSOLE_OUTSIDE_CLI, Prints.class);
    assertThat(v).hasSize(1);
    assertThat(v.get(0)).contains("Prints.report", "java.lang.System.out", "Prints.java");
  }

  @Test
  void printStackTraceIsNamed() {
    assertThat(violations(ArchitectureRules.NO_PRINT_STACK_TRACE, Prints.class))
        .singleElement()
        .satisfies(v -> assertThat(v).contains("Prints.fail", "printStackTrace()"));
  }

  @Test
  void publicOrInstanceLoggersAreNamed() {
    assertThat(violations(ArchitectureRules.LOGGERS_PRIVATE_STATIC_FINAL, Prints.class))
        .anySatisfy(v -> assertThat(v).contains("Prints.LOG", "PRIVATE"))
        .anySatisfy(v -> assertThat(v).contains("Prints.instanceLog", "STATIC"));
  }

  @Test
  void clockAndRandomnessInStateTransitionsAreNamedButEnginesMayReadTheClock() {
    assertThat(
            violations(
                ArchitectureRules.STATE_TRANSITIONS_ARE_DETERMINISTIC,
                ReadsClock.class,
                SequencerClock.class))
        .anySatisfy(v -> assertThat(v).contains("ReadsClock.blockTime", "java.time.Instant.now()"))
        .anySatisfy(v -> assertThat(v).contains("ReadsClock.coin", "ThreadLocalRandom"))
        .noneSatisfy(v -> assertThat(v).contains("SequencerClock"));
  }
}
