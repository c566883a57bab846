package ai.activation.kernel;

import java.lang.System.Logger.Level;

/**
 * Tells whether the Vector API ({@code jdk.incubator.vector}) is in the boot layer, so
 * that the kernels may take their vector paths. The JVM needs
 * {@code --add-modules jdk.incubator.vector} for that; without it, e.g. a plain
 * {@code java -jar}, every kernel runs its scalar path, with the same results within the
 * same ulp bounds, and one INFO line says so. {@link VectorKernels}, the only class that
 * refers to the module, is loaded only when {@link #AVAILABLE} is {@code true}.
 */
final class Simd {

	/** The module of the Vector API. */
	static final String MODULE = "jdk.incubator.vector";

	/** Whether the vector paths may run. */
	static final boolean AVAILABLE = detect();

	private Simd() {
	}

	private static boolean detect() {
		boolean present = ModuleLayer.boot().findModule(MODULE).isPresent();
		System.getLogger(Simd.class.getName())
			.log(Level.INFO, present ? "Kernels use the Vector API (" + MODULE + ")"
					: "Kernels run scalar: start the JVM with --add-modules " + MODULE + " for the vector paths");
		return present;
	}

}
