package ai.activation.metrics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The service's own meters. Every tag value comes from the catalog or a fixed set, so the
 * number of time series stays bounded whatever callers send:
 * <ul>
 * <li>{@value #CALLS} — counter; tags {@code function} (canonical name, or
 * {@value #UNKNOWN_FUNCTION}), {@code mode} ({@value #VALUE_MODE} or
 * {@value #GRADIENT_MODE}), {@code protocol} ({@value #ACTIVATE_PROTOCOL} or
 * {@value #V2_PROTOCOL}) and {@code outcome} ({@link Outcome});</li>
 * <li>{@value #OVERFLOW_AVOIDED} — counter of overflow-avoidance events (rows for the
 * softmax family, elements for elementwise functions); tags {@code function} and
 * {@code mode};</li>
 * <li>{@value #VALUES} — distribution summary of input values per successful request;
 * tags {@code function} and {@code mode}.</li>
 * </ul>
 */
@Component
public class ActivationMetrics {

	/** Calls of {@code POST /activate/{function}} and of the {@code /v2} inference. */
	public static final String CALLS = "activation.calls";

	/** Overflow-avoidance events. */
	public static final String OVERFLOW_AVOIDED = "activation.overflow.avoided";

	/** Input values per successful call. */
	public static final String VALUES = "activation.values";

	/** The {@code function} tag of a call whose name is not in the catalog. */
	public static final String UNKNOWN_FUNCTION = "unknown";

	/** The {@code mode} tag of a call of the function's value. */
	public static final String VALUE_MODE = "value";

	/** The {@code mode} tag of a call of the function's gradient. */
	public static final String GRADIENT_MODE = "gradient";

	/** The {@code protocol} tag of a call of {@code /activate}. */
	public static final String ACTIVATE_PROTOCOL = "activate";

	/**
	 * The {@code protocol} tag of an inference request of the Open Inference Protocol
	 * under {@code /v2}.
	 */
	public static final String V2_PROTOCOL = "v2";

	private static final List<String> MODES = List.of(VALUE_MODE, GRADIENT_MODE);

	private final MeterRegistry registry;

	/**
	 * The meters of each function, registered on its first successful call and then
	 * reused, so a call does not build and look up meter ids.
	 */
	private final Map<String, Map<Activation, ResultMeters>> results = new HashMap<>();

	/**
	 * The call counters by mode, then by outcome, then by {@code function} tag, made on
	 * first use.
	 */
	private final Map<String, Map<Outcome, Map<String, Counter>>> calls = new HashMap<>();

	public ActivationMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (String mode : MODES) {
			this.results.put(mode, new ConcurrentHashMap<>());
			Map<Outcome, Map<String, Counter>> byOutcome = new EnumMap<>(Outcome.class);
			for (Outcome outcome : Outcome.values()) {
				byOutcome.put(outcome, new ConcurrentHashMap<>());
			}
			this.calls.put(mode, byOutcome);
		}
	}

	/**
	 * Records what a successful call computed.
	 * @param function the function
	 * @param mode {@value #VALUE_MODE} or {@value #GRADIENT_MODE}
	 * @param values the number of input values
	 * @param overflowAvoided the overflow-avoidance events of the call
	 */
	public void recordResult(Activation function, String mode, long values, long overflowAvoided) {
		ResultMeters meters = modeMap(this.results, mode).computeIfAbsent(function, (f) -> resultMeters(f, mode));
		meters.values().record(values);
		if (overflowAvoided > 0) {
			meters.overflow().increment(overflowAvoided);
		}
	}

	private static <V> V modeMap(Map<String, V> byMode, String mode) {
		V map = byMode.get(mode);
		if (map == null) {
			throw new IllegalArgumentException("Unknown mode '" + mode + "'; the modes are " + MODES);
		}
		return map;
	}

	private ResultMeters resultMeters(Activation function, String mode) {
		String name = function.canonicalName();
		DistributionSummary values = DistributionSummary.builder(VALUES)
			.description("Input values per successful call")
			.baseUnit("values")
			.tag("function", name)
			.tag("mode", mode)
			.register(this.registry);
		Counter overflow = Counter.builder(OVERFLOW_AVOIDED)
			.description("Results the naive formula would have overflowed, answered exactly instead")
			.tag("function", name)
			.tag("mode", mode)
			.register(this.registry);
		return new ResultMeters(values, overflow);
	}

	/**
	 * Counts one call.
	 * @param requestedName the function name as it appeared in the path
	 * @param mode {@value #VALUE_MODE} or {@value #GRADIENT_MODE}
	 * @param protocol {@value #ACTIVATE_PROTOCOL} or {@value #V2_PROTOCOL}
	 * @param outcome how the call ended
	 */
	void recordCall(String requestedName, String mode, String protocol, Outcome outcome) {
		String function = tagFor(requestedName);
		modeMap(this.calls, mode).get(outcome)
			.computeIfAbsent(protocol + " " + function,
					(key) -> Counter.builder(CALLS)
						.description("Calls of POST /activate/{function}, POST /activate/{function}/gradient and "
								+ "POST /v2/models/{model}/infer")
						.tag("function", function)
						.tag("mode", mode)
						.tag("protocol", protocol)
						.tag("outcome", outcome.tag())
						.register(this.registry))
			.increment();
	}

	private static String tagFor(String requestedName) {
		return Catalog.find(requestedName).map(Activation::canonicalName).orElse(UNKNOWN_FUNCTION);
	}

	private record ResultMeters(DistributionSummary values, Counter overflow) {
	}

	/** How a call ended, from its HTTP status. */
	enum Outcome {

		/** A 2xx answer. */
		SUCCESS,

		/** A 4xx answer: the caller sent something the service refuses. */
		CLIENT_ERROR,

		/** A 5xx answer, such as a 503 when the service sheds load. */
		SERVER_ERROR;

		static Outcome of(int status) {
			if (status >= 500) {
				return SERVER_ERROR;
			}
			return (status >= 400) ? CLIENT_ERROR : SUCCESS;
		}

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
