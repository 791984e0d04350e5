package org.porchlight.identity;

/**
 * The body of a 202 that took a request without saying how it went (sign-up, password reset,
 * a new verification link): one sentence on what happens next, the same whether or not the
 * address has an account.
 *
 * @param status what happens next, in words for the person who asked
 */
public record StatusMessage(String status) {
}
