package ai.activation.catalog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The library whose defaults a call follows, named by the {@code convention} parameter
 * that every function takes ({@code pytorch} when omitted). Each convention changes only
 * the defaults where that library's differ from the catalog's (which are PyTorch's); a
 * parameter given explicitly always wins. The differences, each from the library's own
 * source:
 * <ul>
 * <li>keras: {@code leaky_relu} negative_slope 0.2 (keras-team/keras
 * {@code keras/src/activations/activations.py}, {@code leaky_relu(x,
 * negative_slope=0.2)}); {@code gelu} stays exact, as {@code keras.activations.gelu(x,
 * approximate=False)} (only {@code keras.ops.gelu} defaults to tanh).</li>
 * <li>jax: {@code gelu} approximate=tanh ({@code jax.nn.gelu(x, approximate=True)},
 * jax-ml/jax {@code jax/_src/nn/functions.py}).</li>
 * <li>onnx: {@code hardsigmoid} alpha 0.2 (onnx/onnx {@code onnx/defs/math/defs.cpp},
 * HardSigmoid: alpha 0.2, beta 0.5); {@code selu} alpha and gamma as the float32
 * constants of ONNX Selu (1.67326319217681884765625 and 1.05070102214813232421875, the
 * floats nearest PyTorch's constants).</li>
 * <li>tensorflow: {@code leaky_relu} negative_slope 0.2
 * ({@code tf.nn.leaky_relu(features,
 * alpha=0.2)}).</li>
 * </ul>
 * PyTorch's own softplus threshold of 20 is not a convention default: the catalog's
 * softplus is exact everywhere, and {@code threshold=20} reproduces PyTorch's.
 *
 * <p>
 * A convention also picks the derivative at the kinks where its library's autodiff
 * differs from PyTorch's (the catalog's), for the gradient endpoints. Only JAX differs
 * among the functions the catalog shares with it, each read from jax-ml/jax
 * {@code jax/_src/nn/functions.py}, where the derivative is that of the expression as
 * written, not a custom rule:
 * <ul>
 * <li>{@code leaky_relu}: {@code where(x >= 0, x, negative_slope * x)}, so 1 at 0
 * (PyTorch: the slope).</li>
 * <li>{@code hardtanh}: {@code where(x > 1, 1, where(x < -1, -1, x))}, so 1 at ±1
 * (PyTorch: 0); the catalog applies the same closed interval to its min_val and
 * max_val.</li>
 * <li>{@code hardswish}: {@code x * hard_sigmoid(x)}, with hard_sigmoid = relu6(x + 3)/6
 * and relu6's custom JVP zero at its kinks, so 0 at −3 and 1 at 3 (PyTorch: −1/2 and
 * 3/2).</li>
 * <li>{@code sparse_sigmoid}: {@code 0.5 * clip(x + 1, 0, 2)}, where {@code jnp.clip} is
 * {@code minimum(max, maximum(min, x))} ({@code jax/_src/numpy/lax_numpy.py}) and the
 * JVPs of {@code lax.max} and {@code lax.min} split a tie evenly ({@code _balanced_eq},
 * {@code jax/_src/lax/lax.py}), so 1/4 at ±1 (PyTorch-style clamps: 0).</li>
 * </ul>
 * JAX's relu, relu6, hard_sigmoid, elu, celu and selu agree with PyTorch at their kinks
 * (relu and relu6 by custom JVPs). Keras 3 differentiates with its backend and
 * TensorFlow's own gradients were not checked kink by kink, so keras, onnx (which defines
 * no gradients) and tensorflow keep PyTorch's.
 */
public enum Convention {

	/** PyTorch: the catalog's own defaults. */
	PYTORCH(Map.of(), Set.of()),

	/** Keras 3's {@code keras.activations}. */
	KERAS(Map.of(Activation.LEAKY_RELU, Map.of("negative_slope", 0.2)), Set.of()),

	/** JAX's {@code jax.nn}. */
	JAX(Map.of(Activation.GELU, Map.of("approximate", "tanh")),
			Set.of(Activation.LEAKY_RELU, Activation.HARDTANH, Activation.HARDSWISH, Activation.SPARSE_SIGMOID)),

	/** The ONNX operators. */
	ONNX(Map.of(Activation.HARDSIGMOID, Map.of("alpha", 0.2), Activation.SELU,
			Map.of("alpha", 1.67326319217681884765625, "gamma", 1.05070102214813232421875)), Set.of()),

	/** TensorFlow's {@code tf.nn}. */
	TENSORFLOW(Map.of(Activation.LEAKY_RELU, Map.of("negative_slope", 0.2)), Set.of());

	/** The name of the parameter that picks a convention. */
	public static final String PARAMETER = "convention";

	private final Map<Activation, Map<String, Object>> overrides;

	private final Set<Activation> ownKinks;

	Convention(Map<Activation, Map<String, Object>> overrides, Set<Activation> ownKinks) {
		this.overrides = overrides;
		this.ownKinks = ownKinks;
	}

	/**
	 * Tells whether this convention's library takes a different derivative at the
	 * function's kinks than the catalog (PyTorch) does; the function's
	 * {@code derivative.convention} says what each gives there.
	 * @param function the function
	 * @return {@code true} if the gradient at the kinks follows this library instead
	 */
	public boolean ownsKinksOf(Activation function) {
		return this.ownKinks.contains(function);
	}

	/**
	 * Returns the conventions whose derivative at the function's kinks differs from the
	 * catalog's.
	 * @param function the function
	 * @return their names, in declaration order; empty for most functions
	 */
	public static List<String> kinkOwners(Activation function) {
		return Arrays.stream(values()).filter((c) -> c.ownsKinksOf(function)).map(Convention::label).toList();
	}

	/**
	 * Returns the name callers use, e.g. {@code keras}.
	 * @return the lower-case name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Finds a convention by name, ignoring case.
	 * @param name the name given
	 * @return the convention, or empty if there is none of that name
	 */
	public static Optional<Convention> find(String name) {
		return Arrays.stream(values()).filter((c) -> c.label().equalsIgnoreCase(name.trim())).findFirst();
	}

	/**
	 * Returns every convention's name, in declaration order.
	 * @return the names
	 */
	public static List<String> labels() {
		return Arrays.stream(values()).map(Convention::label).toList();
	}

	/**
	 * Returns the default of a parameter under this convention.
	 * @param function the function
	 * @param parameter one of its parameters
	 * @return the library's default, or the catalog's where they agree
	 */
	public Object defaultValue(Activation function, Parameter parameter) {
		Map<String, Object> changed = this.overrides.getOrDefault(function, Map.of());
		return changed.containsKey(parameter.name()) ? changed.get(parameter.name()) : parameter.defaultValue();
	}

	/**
	 * Returns every parameter's default under this convention, in catalog order
	 * ({@code null} for an absent optional parameter).
	 * @param function the function
	 * @return the defaults by parameter name
	 */
	public Map<String, Object> defaults(Activation function) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (Parameter parameter : function.parameters()) {
			defaults.put(parameter.name(), defaultValue(function, parameter));
		}
		return defaults;
	}

}
