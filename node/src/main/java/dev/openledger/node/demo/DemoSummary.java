package dev.openledger.node.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's closing table: who contributed what and who earned what, and why. Rows are accounts
 * (by demo name); each part of the demo adds the columns it knows about ({@link #column}), with a
 * sentence saying where the figures come from; later parts (attribution) add theirs the same way
 * before the summary step prints it.
 */
public final class DemoSummary {
  /**
   * One column.
   *
   * @param header its heading
   * @param why where its figures come from, printed under the table
   * @param values cell text by row name; rows without a value show "-"
   */
  public record Column(String header, String why, Map<String, String> values) {
    public Column {
      values = Map.copyOf(values);
    }
  }

  private final List<String> rows = new ArrayList<>();
  private final Map<String, String> roles = new LinkedHashMap<>();
  private final List<Column> columns = new ArrayList<>();

  /**
   * Adds a row (an account or a module account) with a few words on its role; a row added twice
   * keeps its place, and a role it already has is not repeated.
   */
  public void row(String name, String role) {
    if (!rows.contains(name)) {
      rows.add(name);
    }
    roles.merge(
        name, role, (a, b) -> (", " + a + ", ").contains(", " + b + ", ") ? a : a + ", " + b);
  }

  /** Adds a column; its values may name rows not added yet (they are added, with no role). */
  public void column(String header, String why, Map<String, String> values) {
    for (String r : values.keySet()) {
      if (!rows.contains(r)) {
        rows.add(r);
      }
    }
    columns.add(new Column(header, why, values));
  }

  public List<Column> columns() {
    return List.copyOf(columns);
  }

  /** The table, then one line per column saying why. */
  public List<String> render() {
    List<String> headers = new ArrayList<>(List.of("account", "role"));
    columns.forEach(c -> headers.add(c.header()));
    List<List<String>> cells = new ArrayList<>();
    for (String r : rows) {
      List<String> line = new ArrayList<>(List.of(r, roles.getOrDefault(r, "")));
      for (Column c : columns) {
        line.add(c.values().getOrDefault(r, "-"));
      }
      cells.add(line);
    }
    int[] width = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      width[i] = headers.get(i).length();
      for (List<String> line : cells) {
        width[i] = Math.max(width[i], line.get(i).length());
      }
    }
    List<String> out = new ArrayList<>();
    out.add(format(headers, width));
    out.add(format(java.util.Arrays.stream(width).mapToObj("-"::repeat).toList(), width));
    cells.forEach(line -> out.add(format(line, width)));
    out.add("");
    for (Column c : columns) {
      out.add(String.format(Locale.ROOT, "%-" + maxHeader() + "s  %s", c.header(), c.why()));
    }
    return out;
  }

  private int maxHeader() {
    return columns.stream().mapToInt(c -> c.header().length()).max().orElse(1);
  }

  private static String format(List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      // names and roles left-aligned, figures right-aligned
      b.append(
          i < 2
              ? String.format(Locale.ROOT, "%-" + width[i] + "s", c)
              : String.format(Locale.ROOT, "%" + width[i] + "s", c));
      if (i < cells.size() - 1) {
        b.append("  ");
      }
    }
    return b.toString().stripTrailing();
  }
}
