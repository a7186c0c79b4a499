package org.isccc.flow.feel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;

/**
 * Evaluates FEEL with feel-scala, one request per line on stdin ({"id", "expression", "context"}), one answer per
 * line on stdout: {"id", "value": {"type", "value"}} or {"id", "failure"}. Values carry their FEEL type, so a test
 * can compare them with another engine's by value and type.
 */
public final class FeelRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    FeelEngineApi feel = FeelEngineBuilder.forJava().build();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) continue;
      JsonNode request = JSON.readTree(line);
      ObjectNode answer = JSON.createObjectNode();
      answer.set("id", request.get("id"));
      @SuppressWarnings("unchecked")
      Map<String, Object> context = JSON.convertValue(request.get("context"), Map.class);
      EvaluationResult result = feel.evaluateExpression(request.get("expression").asText(), context);
      if (result.isSuccess()) answer.set("value", typed(result.result()));
      else answer.put("failure", result.failure().message());
      out.println(JSON.writeValueAsString(answer));
    }
  }

  private static ObjectNode typed(Object value) {
    ObjectNode node = JSON.createObjectNode();
    if (value == null) return node.put("type", "null");
    if (value instanceof Boolean b) return node.put("type", "boolean").put("value", b);
    if (value instanceof Number n) return node.put("type", "number").put("value", new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
    if (value instanceof String s) return node.put("type", "string").put("value", s);
    if (value instanceof LocalDate d) return node.put("type", "date").put("value", d.toString());
    if (value instanceof LocalTime || value instanceof OffsetTime) return node.put("type", "time").put("value", value.toString());
    if (value instanceof LocalDateTime d) return node.put("type", "local date-time").put("value", d.toString());
    if (value instanceof ZonedDateTime d) return node.put("type", "date-time").put("value", d.toInstant().toString());
    if (value instanceof OffsetDateTime d) return node.put("type", "date-time").put("value", d.toInstant().toString());
    if (value instanceof Duration d) return node.put("type", "days-time-duration").put("value", d.toMillis());
    if (value instanceof Period p) return node.put("type", "years-months-duration").put("value", p.toTotalMonths());
    if (value instanceof List<?> list) {
      ArrayNode items = JSON.createArrayNode();
      for (Object item : list) items.add(typed(item));
      node.put("type", "list");
      node.set("value", items);
      return node;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode entries = JSON.createObjectNode();
      for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) entries.set(String.valueOf(e.getKey()), typed(e.getValue()));
      node.put("type", "context");
      node.set("value", entries);
      return node;
    }
    return node.put("type", value.getClass().getSimpleName()).put("value", value.toString());
  }
}
