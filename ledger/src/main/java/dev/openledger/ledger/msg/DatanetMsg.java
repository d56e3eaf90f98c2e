package dev.openledger.ledger.msg;

import java.util.List;

/**
 * Messages of the datanet module (code 4): datanets, contributions, review, curators, versions,
 * access.
 */
public sealed interface DatanetMsg extends Message
    permits CreateDatanet,
        SubmitContribution,
        ReviewContribution,
        AddCurator,
        RemoveCurator,
        AllowContributor,
        PublishVersion,
        GrantAccess,
        PayAccessFee,
        UpdateDatanetParams {

  /** Every datanet message type, for {@link MessageCodec}. */
  static List<MessageType<?>> types() {
    return List.of(
        CreateDatanet.TYPE,
        SubmitContribution.TYPE,
        ReviewContribution.TYPE,
        AddCurator.TYPE,
        RemoveCurator.TYPE,
        AllowContributor.TYPE,
        PublishVersion.TYPE,
        GrantAccess.TYPE,
        PayAccessFee.TYPE,
        UpdateDatanetParams.TYPE);
  }
}
