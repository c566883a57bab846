package ai.activation.engine;

import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;

/**
 * The one place every call of a catalog function goes through, whatever protocol carried
 * it: finds the function, binds and checks its arguments against the catalog, checks the
 * axis and the shapes of the tensors, runs the bound kernel for the value or the
 * vector-Jacobian product, refuses a result that is not finite, and records what it
 * computed. It knows nothing of HTTP, JSON or query strings; its faults are exceptions
 * that carry their own RFC 9457 problem.
 *
 * <p>
 * The budget of values in flight is reserved through {@link #reservation()}: the codecs'
 * {@link ValueBuffer}s reserve each value of the input and of the upstream gradient
 * before allocating room for it, and each reserved value is budgeted at enough bytes for
 * itself, its result and the slack of growing arrays
 * ({@code activation.limits.in-flight-values}), so a call reserves for its inputs and its
 * result before the kernel allocates the result.
 *
 * <p>
 * Stateless and thread-safe; inputs are never modified.
 */
public final class ActivationEngine {

	private final CallRecorder recorder;

	private final LongConsumer reservation;

	/**
	 * Creates an engine.
	 * @param recorder told of every successful call
	 * @param reservation reserves room for a number of values in the budget of values in
	 * flight; refuses by throwing
	 */
	public ActivationEngine(CallRecorder recorder, LongConsumer reservation) {
		this.recorder = recorder;
		this.reservation = reservation;
	}

	/**
	 * Creates an engine that records nothing and reserves nothing: for calls the service
	 * makes itself, such as the documented examples, which are no caller's calls.
	 * @return the engine
	 */
	public static ActivationEngine unaccounted() {
		return new ActivationEngine(CallRecorder.NONE, (values) -> {
		});
	}

	/**
	 * Returns the reservation of room in the budget of values in flight, for the codecs'
	 * {@link ValueBuffer}s.
	 * @return called with a number of values before room for them is allocated; refuses
	 * by throwing
	 */
	public LongConsumer reservation() {
		return this.reservation;
	}

	/**
	 * Prepares a call: finds the function and binds its arguments.
	 * @param function the function's name or alias as given
	 * @param mode what to compute
	 * @param arguments every value given for each parameter
	 * @return the call, waiting for its tensors
	 * @throws UnknownFunctionException if no function has the name
	 * @throws InvalidParameterException if a parameter is unknown, repeated, malformed or
	 * out of range
	 */
	public PreparedCall prepare(String function, Mode mode, Map<String, List<ArgumentValue>> arguments) {
		Activation activation = Catalog.find(function).orElseThrow(() -> new UnknownFunctionException(function));
		return prepare(activation, mode, arguments);
	}

	/**
	 * Prepares a call of a function already found.
	 * @param function the function
	 * @param mode what to compute
	 * @param arguments every value given for each parameter
	 * @return the call, waiting for its tensors
	 * @throws InvalidParameterException if a parameter is unknown, repeated, malformed or
	 * out of range
	 */
	public PreparedCall prepare(Activation function, Mode mode, Map<String, List<ArgumentValue>> arguments) {
		return new PreparedCall(function, mode, ArgumentBinder.bind(function, arguments), this.recorder);
	}

	/**
	 * Runs one call from start to end.
	 * @param invocation the call
	 * @return the result
	 * @throws RuntimeException the problems of {@link #prepare(String, Mode, Map)} and
	 * {@link PreparedCall#apply}
	 */
	public ActivationResult invoke(Invocation invocation) {
		return prepare(invocation.function(), invocation.mode(), invocation.arguments()).apply(invocation.values(),
				invocation.grad(), invocation.mask());
	}

	/** Told of every successful call, e.g. to count it in metrics. */
	@FunctionalInterface
	public interface CallRecorder {

		/** Records nothing. */
		CallRecorder NONE = (function, mode, values, overflowAvoided) -> {
		};

		/**
		 * Records one successful call.
		 * @param function the function
		 * @param mode what was computed
		 * @param values the number of input values
		 * @param overflowAvoided the overflow-avoidance events of the call
		 */
		void record(Activation function, Mode mode, long values, long overflowAvoided);

	}

}
