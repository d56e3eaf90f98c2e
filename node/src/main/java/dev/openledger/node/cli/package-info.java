/**
 * The {@code openledger} command line: one picocli {@code Callable<Integer>} per subcommand.
 * Options are turned into domain records before they reach other modules; picocli types stay in
 * this package.
 *
 * <p>Exit codes (documented in {@link dev.openledger.node.cli.ExitCodes}) are the same for every
 * command.
 */
package dev.openledger.node.cli;
