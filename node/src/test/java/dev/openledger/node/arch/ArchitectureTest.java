package dev.openledger.node.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the whole project's main code to {@link ArchitectureRules}. The node's test classpath
 * carries every module, so this one import sees all of {@code dev.openledger}; test classes are
 * left out.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProject() {
    classes =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages(ArchitectureRules.ROOT);
  }

  @Test
  void everyModuleWithCodeIsImported() {
    Set<String> modules = new TreeSet<>();
    for (JavaClass c : classes) {
      String rest = c.getPackageName().substring(ArchitectureRules.ROOT.length() + 1);
      modules.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
    }
    // A rule over an empty import passes; this makes sure the scan saw the modules that have code.
    assertThat(modules).containsAll(ArchitectureRules.MODULES);
  }

  @Test
  void moduleDirections() {
    check(ArchitectureRules.MODULE_DIRECTIONS);
  }

  @Test
  void coreIsSelfContained() {
    check(ArchitectureRules.CORE_IS_SELF_CONTAINED);
  }

  @Test
  void ledgerHasNoMl() {
    check(ArchitectureRules.LEDGER_HAS_NO_ML);
  }

  @Test
  void everyClassInAModule() {
    check(ArchitectureRules.EVERY_CLASS_IN_A_MODULE);
  }

  @Test
  void onlyTheLedgerWritesState() {
    check(ArchitectureRules.ONLY_THE_LEDGER_WRITES_STATE);
  }

  @Test
  void picocliOnlyInCli() {
    check(ArchitectureRules.PICOCLI_ONLY_IN_CLI);
  }

  @Test
  void javalinOnlyInHttp() {
    check(ArchitectureRules.JAVALIN_ONLY_IN_HTTP);
  }

  @Test
  void noConsoleOutsideCli() {
    check(ArchitectureRules.NO_CONSOLE_OUTSIDE_CLI);
  }

  @Test
  void noPrintStackTrace() {
    check(ArchitectureRules.NO_PRINT_STACK_TRACE);
  }

  @Test
  void loggersPrivateStaticFinal() {
    check(ArchitectureRules.LOGGERS_PRIVATE_STATIC_FINAL);
  }

  @Test
  void stateTransitionsAreDeterministic() {
    check(ArchitectureRules.STATE_TRANSITIONS_ARE_DETERMINISTIC);
  }

  @Test
  void everyRuleHasATest() {
    assertThat(ArchitectureRules.ALL).hasSize(11);
  }

  private static void check(ArchRule rule) {
    rule.check(classes);
  }
}
