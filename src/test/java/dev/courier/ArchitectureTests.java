package dev.courier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Modules depend one way (delivery → command → device → tenant, history → command), and keep internals private. */
@AnalyzeClasses(packages = "dev.courier", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule modulesDependOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("delivery")
            .definedBy("dev.courier.delivery..")
            .layer("history")
            .definedBy("dev.courier.history..")
            .layer("command")
            .definedBy("dev.courier.command..")
            .layer("device")
            .definedBy("dev.courier.device..")
            .layer("tenant")
            .definedBy("dev.courier.tenant..")
            .layer("system")
            .definedBy("dev.courier.system..")
            .whereLayer("delivery")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("history")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("command")
            .mayOnlyBeAccessedByLayers("delivery", "history")
            .whereLayer("device")
            .mayOnlyBeAccessedByLayers("command", "delivery", "history")
            .whereLayer("tenant")
            .mayOnlyBeAccessedByLayers("device", "command", "delivery", "history")
            .whereLayer("system")
            .mayOnlyBeAccessedByLayers("tenant", "device", "command", "delivery", "history");

    @ArchTest
    static final ArchRule controllersArePackagePrivate =
            classes().that().areAnnotatedWith(RestController.class).should().notBePublic();

    @ArchTest
    static final ArchRule repositoriesArePackagePrivate =
            classes().that().areAnnotatedWith(Repository.class).should().notBePublic();
}
