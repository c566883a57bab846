package ai.activation.metrics;

import java.util.EnumMap;
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
 * {@value #UNKNOWN_FUNCTION}) and {@code outcome} ({@link Outcome});</li>
 * <li>{@value #OVERFLOW_AVOIDED} — counter of overflow-avoidance events (rows for the
 * softmax family, elements for elementwise functions); tag {@code function};</li>
 * <li>{@value #VALUES} — distribution summary of input values per successful request; tag
 * {@code function}.</li>
 * </ul>
 */
@Component
public class ActivationMetrics {

	/** Calls of {@code POST /activate/{function}}. */
	public static final String CALLS = "activation.calls";

	/** Overflow-avoidance events. */
	public static final String OVERFLOW_AVOIDED = "activation.overflow.avoided";

	/** Input values per successful call. */
	public static final String VALUES = "activation.values";

	/** The {@code function} tag of a call whose name is not in the catalog. */
	public static final String UNKNOWN_FUNCTION = "unknown";

	private final MeterRegistry registry;

	/**
	 * The meters of each function, registered on its first successful call and then
	 * reused, so a call does not build and look up meter ids.
	 */
	private final Map<Activation, ResultMeters> results = new ConcurrentHashMap<>();

	/** The call counters by outcome, then by {@code function} tag, made on first use. */
	private final Map<Outcome, Map<String, Counter>> calls = new EnumMap<>(Outcome.class);

	public ActivationMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (Outcome outcome : Outcome.values()) {
			this.calls.put(outcome, new ConcurrentHashMap<>());
		}
	}

	/**
	 * Records what a successful call computed.
	 * @param function the function
	 * @param values the number of input values
	 * @param overflowAvoided the overflow-avoidance events of the call
	 */
	public void recordResult(Activation function, long values, long overflowAvoided) {
		ResultMeters meters = this.results.computeIfAbsent(function, this::resultMeters);
		meters.values().record(values);
		if (overflowAvoided > 0) {
			meters.overflow().increment(overflowAvoided);
		}
	}

	private ResultMeters resultMeters(Activation function) {
		String name = function.canonicalName();
		DistributionSummary values = DistributionSummary.builder(VALUES)
			.description("Input values per successful call")
			.baseUnit("values")
			.tag("function", name)
			.register(this.registry);
		Counter overflow = Counter.builder(OVERFLOW_AVOIDED)
			.description("Results the naive formula would have overflowed, answered exactly instead")
			.tag("function", name)
			.register(this.registry);
		return new ResultMeters(values, overflow);
	}

	/**
	 * Counts one call.
	 * @param requestedName the function name as it appeared in the path
	 * @param outcome how the call ended
	 */
	void recordCall(String requestedName, Outcome outcome) {
		this.calls.get(outcome)
			.computeIfAbsent(tagFor(requestedName),
					(function) -> Counter.builder(CALLS)
						.description("Calls of POST /activate/{function}")
						.tag("function", function)
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
