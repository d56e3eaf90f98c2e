package dev.openledger.ledger.msg;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.openledger.core.Hex;
import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.TxCodec;
import java.io.IOException;

/**
 * JSON for values that already have a canonical encoding and no JSON of their own (a block header, a signed
 * transaction inside evidence): the encoding in hex, so that the JSON carries exactly the signed bytes.
 */
final class CanonicalJson {
  private CanonicalJson() {}

  static SignedTransaction decodeTx(byte[] bytes) throws DecodeException {
    Result<SignedTransaction> tx = TxCodec.decode(bytes);
    if (tx instanceof Result.Err<SignedTransaction> err) {
      throw new DecodeException("transaction: " + err.message());
    }
    return tx.orElseThrow();
  }

  /** Reads a value from the hex of its canonical bytes; malformed text is Jackson's "weird string" error. */
  private abstract static class HexReader<T> extends JsonDeserializer<T> {
    private final Class<T> type;
    private final String what;

    HexReader(Class<T> type, String what) {
      this.type = type;
      this.what = what;
    }

    abstract T decode(byte[] bytes) throws DecodeException;

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.currentToken().isScalarValue() || p.currentToken().isNumeric()) {
        return type.cast(ctxt.handleUnexpectedToken(type, p));
      }
      String text = p.getText();
      try {
        return decode(Hex.decode(text));
      } catch (DecodeException | IllegalArgumentException e) {
        return type.cast(ctxt.handleWeirdStringValue(type, text, "not " + what + ": " + e.getMessage()));
      }
    }
  }

  /** A header as the hex of its canonical encoding. */
  static final class HeaderWriter extends JsonSerializer<BlockHeader> {
    @Override
    public void serialize(BlockHeader value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(Hex.encode(value.encode()));
    }
  }

  static final class HeaderReader extends HexReader<BlockHeader> {
    HeaderReader() {
      super(BlockHeader.class, "a block header");
    }

    @Override
    BlockHeader decode(byte[] bytes) throws DecodeException {
      CanonicalReader r = new CanonicalReader(bytes);
      BlockHeader h = BlockHeader.decode(r);
      r.finish();
      return h;
    }
  }

  /** A signed transaction as the hex of its wire bytes. */
  static final class TxWriter extends JsonSerializer<SignedTransaction> {
    @Override
    public void serialize(SignedTransaction value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(Hex.encode(value.encoded()));
    }
  }

  static final class TxReader extends HexReader<SignedTransaction> {
    TxReader() {
      super(SignedTransaction.class, "a signed transaction");
    }

    @Override
    SignedTransaction decode(byte[] bytes) throws DecodeException {
      return decodeTx(bytes);
    }
  }
}
