package ai.activation.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component schemas of the published Open Inference Protocol REST document
 * ({@code open_inference_rest.yaml}, copied from kserve/open-inference-protocol with its
 * source and licence in its first lines), as a JSON Schema validator for the service's
 * bodies. The document is parsed with swagger-parser, as the service's own OpenAPI
 * document is, and must parse without messages; its schemas, OpenAPI 3.0's subset of JSON
 * Schema draft 4, are then checked with the java-json-tools validator, with
 * {@code #/components/schemas/} references pointed at draft 4's {@code #/definitions/}.
 */
final class OpenInferenceSchema {

	private static final String RESOURCE = "open_inference_rest.yaml";

	private static final JsonSchemaFactory VALIDATORS = JsonSchemaFactory.byDefault();

	private static final ObjectNode DEFINITIONS = load();

	private OpenInferenceSchema() {
	}

	/**
	 * Checks a body against one of the document's component schemas.
	 * @param schema the component's name, e.g. {@code inference_response}
	 * @param body the body as JSON text
	 */
	static void assertValid(String schema, String body) {
		assertThat(DEFINITIONS.has(schema)).as("the document defines %s", schema).isTrue();
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		root.set("definitions", DEFINITIONS);
		root.put("$ref", "#/definitions/" + schema);
		try {
			JsonNode instance = Json.mapper().readTree(body);
			ProcessingReport report = VALIDATORS.getJsonSchema(root).validate(instance, true);
			assertThat(report.isSuccess()).as("%s against %s: %s", body, schema, report).isTrue();
		}
		catch (ProcessingException | IOException ex) {
			throw new AssertionError("Could not validate " + body + " against " + schema, ex);
		}
	}

	/**
	 * Tells whether a body is valid against a component schema, for tests that show the
	 * validator refuses what the document does not allow.
	 */
	static boolean isValid(String schema, String body) {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		root.set("definitions", DEFINITIONS);
		root.put("$ref", "#/definitions/" + schema);
		try {
			return VALIDATORS.getJsonSchema(root).validate(Json.mapper().readTree(body), true).isSuccess();
		}
		catch (ProcessingException | IOException ex) {
			throw new AssertionError(ex);
		}
	}

	private static ObjectNode load() {
		try (InputStream in = OpenInferenceSchema.class.getResourceAsStream(RESOURCE)) {
			assertThat(in).as(RESOURCE).isNotNull();
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text);
			assertThat(parsed.getOpenAPI()).as(String.valueOf(parsed.getMessages())).isNotNull();
			assertThat(parsed.getMessages()).isEmpty();
			JsonNode document = Yaml.mapper().readTree(text);
			ObjectNode schemas = (ObjectNode) document.get("components").get("schemas").deepCopy();
			rewriteReferences(schemas);
			return schemas;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void rewriteReferences(JsonNode node) {
		if (node.isObject()) {
			ObjectNode object = (ObjectNode) node;
			JsonNode ref = object.get("$ref");
			if (ref != null && ref.isTextual()) {
				object.set("$ref", TextNode.valueOf(ref.asText().replace("#/components/schemas/", "#/definitions/")));
			}
			for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
				rewriteReferences(it.next().getValue());
			}
		}
		else if (node.isArray()) {
			node.forEach(OpenInferenceSchema::rewriteReferences);
		}
	}

}
