package dev.openledger.datanet.leaderboard;

import dev.openledger.core.crypto.Address;

/**
 * One contributor's line.
 *
 * @param rank 1-based position
 * @param rowsDecided rows in accepted or rejected contributions (pending ones are not counted yet)
 * @param acceptedRowRatio rowsAccepted / rowsDecided (0 when nothing is decided)
 * @param score the ranking key: the Wilson lower bound of the accepted-row ratio (95%), which
 *     rewards both a high ratio and the volume that makes it credible
 */
public record LeaderboardEntry(
    int rank,
    Address contributor,
    int contributions,
    int acceptedContributions,
    int pendingContributions,
    long rowsDecided,
    long rowsAccepted,
    double acceptedRowRatio,
    double score) {}
