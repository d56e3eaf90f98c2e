package dev.openledger.node.model;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.model.Lineage;
import dev.openledger.ledger.model.ModelState;
import dev.openledger.ledger.model.Transition;
import java.util.List;

/**
 * A registered model version.
 *
 * @param pricePer1kTokens the developer's price per 1,000 generated tokens
 * @param effectivePrice that price limited to the current governance bounds (what serving charges)
 * @param registration SHA-256 of the registration's canonical bytes ({@code
 *     ModelRegistration.hash()})
 * @param history every state change, oldest first
 * @param lineage the datanet versions trained on, resolved: name, owner, rows, contributions,
 *     metric
 */
public record ModelView(
    String name,
    int version,
    ModelState state,
    Address developer,
    Amount pricePer1kTokens,
    Amount effectivePrice,
    Hash baseModel,
    Hash adapter,
    Hash config,
    Hash artifacts,
    Hash registration,
    List<Transition> history,
    List<Lineage.Source> lineage) {}
