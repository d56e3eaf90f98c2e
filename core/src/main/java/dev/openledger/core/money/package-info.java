/**
 * Money: {@link dev.openledger.core.money.Amount} in nano-OPEN with exact arithmetic.
 *
 * <p>Invariants: an amount is never negative; arithmetic that would overflow or go below zero
 * throws {@link java.lang.ArithmeticException} (callers that handle user input check first);
 * divisions round down and callers decide where the remainder (the dust) goes.
 */
package dev.openledger.core.money;
