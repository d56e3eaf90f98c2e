package dev.openledger.node.build;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Finds versions written in a module's POM. Every version lives in the root POM
 * (dependencyManagement and pluginManagement); a module names what it uses without a version, so
 * one edit upgrades the whole tree.
 */
final class PomVersions {
  private PomVersions() {}

  /**
   * {@code "groupId:artifactId"} of every dependency or plugin in {@code pom} that states a
   * version.
   */
  static List<String> pinned(byte[] pom) throws IOException {
    Element project = parse(pom);
    List<String> out = new ArrayList<>();
    for (String container : List.of("dependency", "plugin")) {
      NodeList nodes = project.getElementsByTagName(container);
      for (int i = 0; i < nodes.getLength(); i++) {
        Element e = (Element) nodes.item(i);
        if (child(e, "version") != null) {
          out.add(text(child(e, "groupId")) + ":" + text(child(e, "artifactId")));
        }
      }
    }
    return out;
  }

  /** The {@code <module>} names of an aggregator POM. */
  static List<String> modules(byte[] pom) throws IOException {
    NodeList nodes = parse(pom).getElementsByTagName("module");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent().trim());
    }
    return out;
  }

  private static Element parse(byte[] pom) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(pom)).getDocumentElement();
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("not a POM: " + e.getMessage(), e);
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element e) {
    return e == null ? "org.apache.maven.plugins" : e.getTextContent().trim();
  }
}
