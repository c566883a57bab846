package ai.activation.explorer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Kernel;
import ai.activation.kernel.Lanes;
import ai.activation.kernel.Tensor;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /} answers the explorer page; {@code GET /explorer/groups} what the page
 * needs beyond the catalog that {@code GET /activate} describes: the groups to list the
 * functions in, the slice each function of a vector is drawn along, and a first input for
 * the "try it" box.
 */
@RestController
class ExplorerController {

	private static final Resource PAGE = new ClassPathResource("explorer/index.html");

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<Resource> page() {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.body(PAGE);
	}

	@GetMapping(path = "/explorer/groups", produces = MediaType.APPLICATION_JSON_VALUE)
	Layout groups() {
		List<Activation> catalog = Catalog.all();
		List<Group> groups = Arrays.stream(FunctionGroup.values())
			.map((group) -> new Group(group.name().toLowerCase(Locale.ROOT), group.title(), group.description(),
					group.members(catalog).stream().map(Activation::canonicalName).toList()))
			.filter((group) -> !group.functions().isEmpty())
			.toList();
		Map<String, CurveSlice> slices = new LinkedHashMap<>();
		Map<String, Object> examples = new LinkedHashMap<>();
		Map<String, Object> gradExamples = new LinkedHashMap<>();
		for (Activation function : catalog) {
			Tensor example = function.example();
			examples.put(function.canonicalName(), example.nested());
			if (function.alongAxis()) {
				CurveSlice slice = CurveSlice.of(function);
				slices.put(function.canonicalName(), slice);
				gradExamples.put(function.canonicalName(), firstOfEachRow(example, function).nested());
			}
		}
		return new Layout(groups, slices, examples, gradExamples);
	}

	/**
	 * An upstream gradient for a function of a vector applied to its example: the
	 * output's shape, 1 at the first element of each lane and 0 elsewhere, which asks for
	 * the row of the Jacobian that belongs to the first output of each lane.
	 */
	private static Tensor firstOfEachRow(Tensor example, Activation function) {
		Kernel.AlongAxis kernel = (Kernel.AlongAxis) function.bind(function.defaults());
		Lanes in = Lanes.of(example.shape(), kernel.resolve(example.rank()));
		// the output's lanes: as many, each as long as the function makes it (1 where a
		// reduction removes the axis)
		Lanes out = new Lanes(in.outer(), kernel.function().outputLength(in.length()), in.inner());
		double[] grad = new double[out.count() * out.length()];
		for (int lane = 0; lane < out.count(); lane++) {
			grad[out.start(lane)] = 1;
		}
		return new Tensor(grad, kernel.outputShape(example.shape()));
	}

	/**
	 * The answer of {@code GET /explorer/groups}.
	 *
	 * @param groups the groups in the order the page lists them, empty ones left out
	 * @param slices for each function of a vector, the slice its curve is drawn along
	 * @param examples for each function, an input for the "try it" box
	 * @param gradExamples for each function of a vector, an upstream gradient for its
	 * example's derivative
	 */
	record Layout(List<Group> groups, Map<String, CurveSlice> slices, Map<String, Object> examples,
			Map<String, Object> gradExamples) {
	}

	/**
	 * One group of functions.
	 *
	 * @param id a stable identifier, e.g. {@code smooth_units}
	 * @param title the heading
	 * @param description one line under it
	 * @param functions the canonical names, in the order listed
	 */
	record Group(String id, String title, String description, List<String> functions) {
	}

}
