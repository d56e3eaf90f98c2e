package dev.openledger.ledger.membership;

import dev.openledger.core.Result;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.exec.Authority;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.AddValidator;
import dev.openledger.ledger.msg.RemoveValidator;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateChanges;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code cluster} module: a replicated chain's validator set, in state so that every replica switches
 * at the same block. Changes are governance decisions (Cosmos SDK's pattern of parameter changes by the gov
 * module account): a passed proposal executes {@code cluster/add_validator} or {@code cluster/remove_validator}
 * with {@link Authority#GOVERNANCE} as sender; any other sender is refused ({@code unauthorized}).
 *
 * <pre>
 * cluster/v    ValidatorSet (version, members in the order they were added)
 * </pre>
 */
public final class MembershipModule implements LedgerModule {
  public static final Namespace NAMESPACE = new Namespace(ClusterSpec.SECTION);
  private static final StateKey SET = NAMESPACE.key(new byte[] {'v'});

  @Override
  public Namespace namespace() {
    return NAMESPACE;
  }

  @Override
  public List<MessageHandler<?>> handlers() {
    return List.of(new MessageHandler<>(AddValidator.TYPE, this::add), new MessageHandler<>(RemoveValidator.TYPE, this::remove));
  }

  /** Stores the genesis validators when the genesis has a {@code cluster} section; nothing otherwise. */
  @Override
  public void initGenesis(Genesis genesis, State state) {
    if (!genesis.modules().containsKey(ClusterSpec.SECTION)) {
      return;
    }
    ClusterSpec spec = ClusterSpec.of(genesis).orElseThrow();
    state.put(SET, spec.validators().encode());
  }

  private Result<Done> add(TxContext ctx, AddValidator msg) {
    Result<ValidatorSet> current = current(ctx, "cluster/add_validator");
    if (current instanceof Result.Err<ValidatorSet> err) {
      return Result.err(err.code(), err.message());
    }
    ValidatorSet set = current.orElseThrow();
    Validator v = msg.validator();
    if (set.byId(v.id()).isPresent() || set.contains(v.key())) {
      return Result.err("exists", "validator " + v.id() + " (or its key " + v.key() + ") is already in the set");
    }
    if (set.members().size() >= ValidatorSet.MAX_MEMBERS) {
      return Result.err("full", "the set already holds " + ValidatorSet.MAX_MEMBERS + " validators");
    }
    ValidatorSet next = set.with(v);
    ctx.state().put(SET, next.encode());
    ctx.emit(Event.of("cluster.validator_added", "id", v.id(), "key", v.key(), "account", v.key().address(), "raft", v.address(), "version", next.version()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> remove(TxContext ctx, RemoveValidator msg) {
    Result<ValidatorSet> current = current(ctx, "cluster/remove_validator");
    if (current instanceof Result.Err<ValidatorSet> err) {
      return Result.err(err.code(), err.message());
    }
    ValidatorSet set = current.orElseThrow();
    if (set.byId(msg.id()).isEmpty()) {
      return Result.err("unknown_validator", "no validator '" + msg.id() + "' in the set");
    }
    if (set.members().size() == 1) {
      return Result.err("last_validator", "the last validator cannot be removed");
    }
    ValidatorSet next = set.without(msg.id());
    ctx.state().put(SET, next.encode());
    ctx.emit(Event.of("cluster.validator_removed", "id", msg.id(), "version", next.version()));
    return Result.ok(Done.DONE);
  }

  /** The set a change applies to, after the authority check. */
  private Result<ValidatorSet> current(TxContext ctx, String action) {
    Result<Done> auth = Authority.requireGovernance(ctx, action);
    if (auth instanceof Result.Err<Done> err) {
      return Result.err(err.code(), err.message());
    }
    return validators(ctx.state())
        .<Result<ValidatorSet>>map(Result::ok)
        .orElseGet(() -> Result.err("not_a_cluster", "this chain has no validator set (its genesis has no modules." + ClusterSpec.SECTION + " section)"));
  }

  // ---- queries ----

  /** The validator set, or empty on a chain without a cluster section. */
  public Optional<ValidatorSet> validators(StateReader state) {
    return state.get(SET).map(MembershipModule::decode);
  }

  /**
   * The validator set a block's writes store, when the block changed it (a governance change executed in
   * it); empty when the block left it alone. Lets a replica switch sets atomically with storing the block.
   */
  public Optional<ValidatorSet> written(StateChanges changes) {
    Optional<byte[]> w = changes.writes().get(SET);
    if (w == null) {
      return Optional.empty();
    }
    return Optional.of(decode(w.orElseThrow(() -> new IllegalStateException("a block deleted the validator set (" + SET + ")"))));
  }

  /** The validators' account addresses (their keys' addresses), or empty on a chain without a set. */
  public Optional<Set<Address>> memberAddresses(StateReader state) {
    return validators(state).map(set -> {
      Set<Address> out = new LinkedHashSet<>();
      for (Validator v : set.members()) {
        out.add(v.key().address());
      }
      return Set.copyOf(out);
    });
  }

  @Override
  public List<String> checkInvariants(StateReader state) {
    List<String> out = new ArrayList<>();
    try {
      validators(state);
    } catch (IllegalStateException e) {
      out.add(e.getMessage());
    }
    return out;
  }

  private static ValidatorSet decode(byte[] bytes) {
    try {
      return ValidatorSet.decode(bytes);
    } catch (DecodeException e) {
      throw new IllegalStateException("the stored validator set (" + SET + ") is corrupt: " + e.getMessage(), e);
    }
  }
}
