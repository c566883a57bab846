package ai.activation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The directions the packages of {@code ai.activation} depend in, checked on the compiled
 * classes with ArchUnit: no cycles; the cross-cutting {@code system} package on Spring
 * types only; the kernels on no framework; and web (activate, inference, plot, openapi) →
 * engine → catalog → kernel as the only direction among the feature layers.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("ai.activation");

	@Test
	void noPackageDependsOnItselfThroughOthers() {
		ArchRule rule = slices().matching("ai.activation.(*)..").should().beFreeOfCycles();
		rule.check(CLASSES);
	}

	@Test
	void systemDependsOnNoOtherPackageOfTheProject() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("ai.activation.system..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("ai.activation.activate..", "ai.activation.catalog..", "ai.activation.engine..",
					"ai.activation.inference..", "ai.activation.kernel..", "ai.activation.limits..",
					"ai.activation.metrics..", "ai.activation.openapi..", "ai.activation.plot..",
					"ai.activation.security..");
		rule.check(CLASSES);
	}

	@Test
	void kernelsKnowNothingOfSpringJacksonOrServlets() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("ai.activation.kernel..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml.jackson..",
					"jakarta.servlet..", "ai.activation.catalog..", "ai.activation.engine..");
		rule.check(CLASSES);
	}

	@Test
	void theEngineKnowsNothingOfHttpTransportJsonOrServlets() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("ai.activation.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web.servlet..",
					"org.springframework.http.converter..", "org.springframework.web.bind..", "tools.jackson..",
					"com.fasterxml.jackson..");
		rule.check(CLASSES);
	}

	@Test
	void webDependsOnEngineOnCatalogOnKernelAndNeverBack() {
		ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("web")
			.definedBy("ai.activation.activate..", "ai.activation.inference..", "ai.activation.plot..",
					"ai.activation.openapi..", "ai.activation.explorer..")
			.layer("engine")
			.definedBy("ai.activation.engine..")
			.layer("catalog")
			.definedBy("ai.activation.catalog..")
			.layer("kernel")
			.definedBy("ai.activation.kernel..")
			.whereLayer("web")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("engine")
			.mayOnlyBeAccessedByLayers("web")
			.whereLayer("catalog")
			.mayOnlyBeAccessedByLayers("web", "engine")
			.whereLayer("kernel")
			.mayOnlyBeAccessedByLayers("web", "engine", "catalog");
		rule.check(CLASSES);
	}

}
