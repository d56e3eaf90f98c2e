package dev.openledger.ledger.datanet;

/**
 * What an account and a datanet have received on one UTC day, as the chain records it: the input of
 * the off-chain limits check ({@code UsageSnapshot}) before a file is ingested.
 *
 * @param day the UTC day (epoch milliseconds / 86,400,000)
 * @param userBytes the account's bytes that day, over all datanets
 * @param userFiles the account's contributions that day, over all datanets
 * @param datanetBytes the datanet's bytes that day, from everyone
 */
public record UsageToday(long day, long userBytes, int userFiles, long datanetBytes) {}
