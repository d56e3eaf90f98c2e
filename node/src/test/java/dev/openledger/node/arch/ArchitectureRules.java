package dev.openledger.node.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The project's architecture as rules over compiled classes (ArchUnit). Each rule fails with the
 * offending dependency or call: the class, the member, the source line and what it reaches for.
 *
 * <p>The rules see bytecode, not source: an unused {@code import} leaves no trace and is not a
 * dependency, while every use of a type (field, signature, call, annotation, lambda) is. Test
 * classes are not checked.
 */
public final class ArchitectureRules {
  private ArchitectureRules() {}

  /** Root package of every project class; each module owns {@code ROOT + "." + module}. */
  public static final String ROOT = "dev.openledger";

  /** The Maven modules, each the owner of {@code dev.openledger.<module>..}. */
  public static final List<String> MODULES =
      List.of("core", "ledger", "ml", "datanet", "attribution", "modelfactory", "openlora", "node");

  /**
   * The node's packages that serve HTTP and so may use Javalin's types (route modules elsewhere may
   * too).
   */
  public static final List<String> HTTP_PACKAGES =
      List.of(
          "dev.openledger.node.api..",
          "dev.openledger.node.openai..",
          "dev.openledger.node.dashboard..");

  /** The node's command line, the only place for picocli and for writing to the terminal. */
  public static final String CLI_PACKAGE = "dev.openledger.node.cli..";

  /**
   * Ledger packages that order transactions or set a chain up rather than apply transactions, and
   * so may read the clock: the engines (the sequencer picks block times, the replicated engine
   * times its elections and forwarding) and the genesis tooling (a devnet's start time).
   */
  public static final List<String> LEDGER_PACKAGES_OUTSIDE_STATE_TRANSITIONS =
      List.of(
          "dev.openledger.ledger.engine",
          "dev.openledger.ledger.cluster",
          "dev.openledger.ledger.genesis");

  /** Ledger code that runs inside a state transition and so must be deterministic. */
  static final DescribedPredicate<JavaClass> STATE_TRANSITION_CODE =
      DescribedPredicate.describe(
          "ledger code that runs in a state transition (dev.openledger.ledger.. but "
              + LEDGER_PACKAGES_OUTSIDE_STATE_TRANSITIONS
              + ")",
          c ->
              isIn(c, "dev.openledger.ledger")
                  && LEDGER_PACKAGES_OUTSIDE_STATE_TRANSITIONS.stream().noneMatch(p -> isIn(c, p)));

  private static boolean isIn(JavaClass c, String pkg) {
    return c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + ".");
  }

  private static String pkg(String module) {
    return ROOT + "." + module + "..";
  }

  /**
   * Module directions (an arrow means "may depend on"): node → everything; openlora → {ml, core};
   * modelfactory → {ml, datanet, attribution, core}; attribution → {ml, datanet, core}; datanet →
   * core; ledger → core; ml → core; core → nothing of ours. Maven's module dependencies enforce
   * most of this at compile time; this rule also catches code placed in another module's package.
   */
  public static final ArchRule MODULE_DIRECTIONS =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .withOptionalLayers(true)
          .layer("core")
          .definedBy(pkg("core"))
          .layer("ledger")
          .definedBy(pkg("ledger"))
          .layer("ml")
          .definedBy(pkg("ml"))
          .layer("datanet")
          .definedBy(pkg("datanet"))
          .layer("attribution")
          .definedBy(pkg("attribution"))
          .layer("modelfactory")
          .definedBy(pkg("modelfactory"))
          .layer("openlora")
          .definedBy(pkg("openlora"))
          .layer("node")
          .definedBy(pkg("node"))
          .whereLayer("core")
          .mayNotAccessAnyLayer()
          .whereLayer("ledger")
          .mayOnlyAccessLayers("core")
          .whereLayer("ml")
          .mayOnlyAccessLayers("core")
          .whereLayer("datanet")
          .mayOnlyAccessLayers("core")
          .whereLayer("attribution")
          .mayOnlyAccessLayers("ml", "datanet", "core")
          .whereLayer("modelfactory")
          .mayOnlyAccessLayers("ml", "datanet", "attribution", "core")
          .whereLayer("openlora")
          .mayOnlyAccessLayers("ml", "core")
          .whereLayer("node")
          .mayNotBeAccessedByAnyLayer()
          .because("each module depends only on the modules below it (docs/architecture.md)");

  /** Core is the base: it depends on no other module of ours. */
  public static final ArchRule CORE_IS_SELF_CONTAINED =
      noClasses()
          .that()
          .resideInAPackage(pkg("core"))
          .should()
          .dependOnClassesThat(
              DescribedPredicate.describe(
                  "belong to another module of ours",
                  c ->
                      c.getPackageName().startsWith(ROOT + ".")
                          && !c.getPackageName().startsWith(ROOT + ".core")))
          .because("core holds the primitives every module shares and must not pull any module in");

  /** The chain records hashes, scores and money; the off-chain services compute them. */
  public static final ArchRule LEDGER_HAS_NO_ML =
      noClasses()
          .that()
          .resideInAPackage(pkg("ledger"))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              pkg("ml"), pkg("attribution"), pkg("modelfactory"), pkg("openlora"), "ai.djl..")
          .because(
              "the ledger never imports ML code: off-chain services compute and submit signed transactions");

  /** Every project class lives in the package of one of the modules. */
  public static final ArchRule EVERY_CLASS_IN_A_MODULE =
      classes()
          .that()
          .resideInAPackage(ROOT + "..")
          .should()
          .resideInAnyPackage(MODULES.stream().map(ArchitectureRules::pkg).toArray(String[]::new))
          .because(
              "packages are dev.openledger.<module>.<concept>, so a class's package names its module");

  /**
   * Only the ledger writes ledger state. Outside {@code dev.openledger.ledger}, no code may commit
   * a block to a {@code LedgerStore}, call {@code put}/{@code delete} on a {@code State}, or call
   * any method or constructor that takes a mutable {@code State} (the ledger modules' write paths:
   * {@code Accounts.credit}, {@code StateOverlay.commitTo}, {@code StateMachine.deliver}, ...). The
   * node wires a store into an engine and then changes state only by {@code LedgerEngine.submit} of
   * a signed transaction.
   */
  public static final ArchRule ONLY_THE_LEDGER_WRITES_STATE =
      classes()
          .that()
          .resideOutsideOfPackage(pkg("ledger"))
          .and()
          .resideInAPackage(ROOT + "..")
          .should(notCall("write ledger state", ArchitectureRules::writesLedgerState))
          .because(
              "off-chain code changes the chain only by submitting signed transactions (LedgerEngine.submit)");

  /** picocli's types stay in the command line. */
  public static final ArchRule PICOCLI_ONLY_IN_CLI =
      noClasses()
          .that()
          .resideOutsideOfPackage(CLI_PACKAGE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("picocli..")
          .because("options become a domain record before they reach the code the commands call");

  /**
   * The node's contract for a group of routes: a feature package of the node may serve HTTP through
   * one.
   */
  static final String ROUTE_MODULE = "dev.openledger.node.api.RouteModule";

  /**
   * Code that serves HTTP: the node's HTTP packages, and route modules (with their nested classes)
   * anywhere in the node.
   */
  static final DescribedPredicate<JavaClass> HTTP_CODE =
      DescribedPredicate.describe(
          "serve HTTP (in " + HTTP_PACKAGES + ", or a " + ROUTE_MODULE + " of the node)",
          c ->
              HTTP_PACKAGES.stream().anyMatch(p -> isIn(c, p.substring(0, p.length() - 2)))
                  || (isIn(c, ROOT + ".node") && topLevel(c).isAssignableTo(ROUTE_MODULE)));

  private static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }

  /** Javalin's types stay in the code that serves HTTP. */
  public static final ArchRule JAVALIN_ONLY_IN_HTTP =
      noClasses()
          .that(DescribedPredicate.not(HTTP_CODE))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.javalin..")
          .because("the HTTP framework is the node's concern; modules expose plain Java APIs");

  /**
   * Standard output and error belong to the command line: outside it, no code touches {@code
   * System.out} or {@code System.err}, except a program's own {@code static void main(String[])} (a
   * benchmark launched directly), whose output is its command-line output.
   */
  public static final ArchRule NO_CONSOLE_OUTSIDE_CLI =
      classes()
          .that()
          .resideOutsideOfPackage(CLI_PACKAGE)
          .and()
          .resideInAPackage(ROOT + "..")
          .should(
              notCall(
                  "use System.out or System.err outside a main method",
                  ArchitectureRules::usesConsole))
          .because("stdout is for CLI output only; everything else logs through SLF4J");

  /** Nothing prints stack traces: failures are logged with their cause, or reported by the CLI. */
  public static final ArchRule NO_PRINT_STACK_TRACE =
      classes()
          .that()
          .resideOutsideOfPackage(CLI_PACKAGE)
          .and()
          .resideInAPackage(ROOT + "..")
          .should(notCall("print a stack trace", ArchitectureRules::printsStackTrace))
          .because(
              "a stack trace on stderr bypasses logging; log the exception with its cause instead");

  /** One logger per class, shared by its instances and never reassigned. */
  public static final ArchRule LOGGERS_PRIVATE_STATIC_FINAL =
      fields()
          .that()
          .haveRawType("org.slf4j.Logger")
          .and()
          .areDeclaredInClassesThat()
          .resideInAPackage(ROOT + "..")
          .should()
          .bePrivate()
          .andShould()
          .beStatic()
          .andShould()
          .beFinal()
          .because("one SLF4J logger per class (house style)");

  /** State transitions read time only from the block context and never draw random numbers. */
  public static final ArchRule STATE_TRANSITIONS_ARE_DETERMINISTIC =
      classes()
          .that(STATE_TRANSITION_CODE)
          .should(
              notCall(
                  "read the wall clock or draw random numbers",
                  ArchitectureRules::isNondeterministic))
          .because(
              "every replica must compute the same state from the same block (docs/architecture.md)");

  /** All rules, for the build. */
  public static final List<ArchRule> ALL =
      List.of(
          MODULE_DIRECTIONS,
          CORE_IS_SELF_CONTAINED,
          LEDGER_HAS_NO_ML,
          EVERY_CLASS_IN_A_MODULE,
          ONLY_THE_LEDGER_WRITES_STATE,
          PICOCLI_ONLY_IN_CLI,
          JAVALIN_ONLY_IN_HTTP,
          NO_CONSOLE_OUTSIDE_CLI,
          NO_PRINT_STACK_TRACE,
          LOGGERS_PRIVATE_STATIC_FINAL,
          STATE_TRANSITIONS_ARE_DETERMINISTIC);

  // ---- what counts as a forbidden access ----

  private static final String STATE = "dev.openledger.ledger.state.State";
  private static final String LEDGER_STORE = "dev.openledger.ledger.store.LedgerStore";

  static boolean writesLedgerState(JavaAccess<?> access) {
    if (!(access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target)) {
      return false;
    }
    JavaClass owner = target.getOwner();
    String name = target.getName();
    if (owner.isAssignableTo(LEDGER_STORE) && name.equals("commit")) {
      return true;
    }
    if (owner.isAssignableTo(STATE) && (name.equals("put") || name.equals("delete"))) {
      return true;
    }
    return target.getRawParameterTypes().stream().anyMatch(t -> t.isAssignableTo(STATE));
  }

  private static final Set<String> CONSOLE_FIELDS = Set.of("out", "err");

  static boolean usesConsole(JavaAccess<?> access) {
    if (!(access.getTarget() instanceof AccessTarget.FieldAccessTarget target)) {
      return false;
    }
    boolean console =
        target.getOwner().isEquivalentTo(System.class) && CONSOLE_FIELDS.contains(target.getName());
    return console && !isMainMethod(access.getOrigin());
  }

  private static boolean isMainMethod(JavaCodeUnit unit) {
    return unit.getName().equals("main")
        && unit.getModifiers().contains(JavaModifier.STATIC)
        && unit.getRawParameterTypes().size() == 1
        && unit.getRawParameterTypes().get(0).isEquivalentTo(String[].class);
  }

  static boolean printsStackTrace(JavaAccess<?> access) {
    return access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target
        && target.getName().equals("printStackTrace")
        && target.getOwner().isAssignableTo(Throwable.class);
  }

  private static final Set<String> CLOCK_TYPES =
      Set.of(
          "java.time.Instant",
          "java.time.LocalDate",
          "java.time.LocalDateTime",
          "java.time.LocalTime",
          "java.time.OffsetDateTime",
          "java.time.ZonedDateTime");

  static boolean isNondeterministic(JavaAccess<?> access) {
    if (!(access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target)) {
      return false;
    }
    JavaClass owner = target.getOwner();
    String name = target.getName();
    return (owner.isEquivalentTo(System.class)
            && (name.equals("currentTimeMillis") || name.equals("nanoTime")))
        || (CLOCK_TYPES.contains(owner.getName()) && name.equals("now"))
        || owner.isAssignableTo(java.time.Clock.class)
        || owner.isAssignableTo(java.util.Random.class)
        || owner.isAssignableTo(java.util.SplittableRandom.class)
        || (owner.isEquivalentTo(java.util.UUID.class) && name.equals("randomUUID"))
        || (owner.isEquivalentTo(Math.class) && name.equals("random"));
  }

  /**
   * A condition failing for every access of a class (calls, method references, field accesses) that
   * matches {@code forbidden}; the event names the access with its source line.
   */
  static ArchCondition<JavaClass> notCall(String what, Predicate<JavaAccess<?>> forbidden) {
    return new ArchCondition<>("not " + what) {
      @Override
      public void check(JavaClass clazz, ConditionEvents events) {
        for (JavaAccess<?> access : clazz.getAccessesFromSelf()) {
          if (forbidden.test(access)) {
            events.add(
                SimpleConditionEvent.violated(access, access.getDescription() + " — " + what));
          }
        }
      }
    };
  }
}
