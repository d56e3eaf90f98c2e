package dev.openledger.node.datanet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.datanet.IngestResult;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.DatanetClient;
import dev.openledger.node.client.LedgerClient;
import java.time.Duration;
import java.util.List;

/** Datanet steps over HTTP for tests: sign and send, create, upload-check-sign-submit. */
final class DatanetKit {
  final LedgerClient client;
  final DatanetClient datanets;

  DatanetKit(String url) {
    client = new LedgerClient(url);
    datanets = new DatanetClient(client);
  }

  TxView send(KeyPair from, Message m) {
    StatusView s = client.status();
    long nonce = client.account(from.address(), false).nonce();
    SignedTransaction tx =
        new Transaction(s.chainId(), from.publicKey(), nonce, s.minFee(), m).sign(from);
    client.submit(tx);
    return client.awaitFinal(tx.hash(), Duration.ofSeconds(30));
  }

  TxView ok(KeyPair from, Message m) {
    TxView v = send(from, m);
    assertThat(v.code()).as(v.message()).isEqualTo("ok");
    return v;
  }

  Hash create(KeyPair owner, String name, String summary) {
    ok(
        owner,
        new CreateDatanet(
            name,
            summary,
            "Paragraphs of " + summary.toLowerCase(),
            List.of("brown"),
            DataType.TEXT,
            "CC-BY-4.0",
            ContributionPolicy.open(),
            AccessTerms.open()));
    return DatanetIds.datanet(owner.address(), name);
  }

  /** Upload, check what to sign, sign, submit; returns the message. */
  SubmitContribution contribute(Hash datanet, KeyPair from, String fileName, byte[] bytes) {
    UploadView up = datanets.upload(datanet.toHex(), from.address(), fileName, bytes);
    assertThat(up.result()).as(String.valueOf(up.result())).isInstanceOf(IngestResult.Staged.class);
    SubmitContribution m = DatanetClient.checkToSign(up, datanet, from.address(), bytes);
    ok(from, m);
    return m;
  }
}
