package dev.courier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * Modules depend one way (delivery → command → device → tenant, history → command, event → command,
 * webhook → command), and keep
 * internals private.
 */
@AnalyzeClasses(packages = "dev.courier", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule modulesDependOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("event")
            .definedBy("dev.courier.event..")
            .layer("webhook")
            .definedBy("dev.courier.webhook..")
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
            .whereLayer("event")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("webhook")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("delivery")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("history")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("command")
            .mayOnlyBeAccessedByLayers("delivery", "history", "event", "webhook")
            .whereLayer("device")
            .mayOnlyBeAccessedByLayers("command", "delivery", "history", "event", "webhook")
            .whereLayer("tenant")
            .mayOnlyBeAccessedByLayers("device", "command", "delivery", "history", "event", "webhook")
            .whereLayer("system")
            .mayOnlyBeAccessedByLayers("tenant", "device", "command", "delivery", "history", "event", "webhook");

    @ArchTest
    static final ArchRule controllersArePackagePrivate =
            classes().that().areAnnotatedWith(RestController.class).should().notBePublic();

    @ArchTest
    static final ArchRule repositoriesArePackagePrivate =
            classes().that().areAnnotatedWith(Repository.class).should().notBePublic();

    /** By name too: Spring Data repository interfaces carry no {@code @Repository}. */
    @ArchTest
    static final ArchRule repositoriesArePackagePrivateByName =
            classes().that().haveSimpleNameEndingWith("Repository").should().notBePublic();

    /**
     * Each module's public surface is its API: its service, ids, events, records and exceptions. A type made
     * public is added here on purpose, or it stays package-private.
     */
    private static final Set<String> PUBLIC_API = Set.of(
            "dev.courier.CourierApplication",
            "dev.courier.tenant.AppId",
            "dev.courier.tenant.CallingApp",
            "dev.courier.tenant.Plan",
            "dev.courier.tenant.Plans",
            "dev.courier.tenant.Tenants",
            "dev.courier.device.AuthenticatedDevice",
            "dev.courier.device.DeviceId",
            "dev.courier.device.DeviceNotFoundException",
            "dev.courier.device.DeviceRegistry",
            "dev.courier.device.DeviceRequests",
            "dev.courier.device.PendingCommands",
            "dev.courier.command.AckResult",
            "dev.courier.command.CommandEvent",
            "dev.courier.command.CommandEvents",
            "dev.courier.command.CommandLeases",
            "dev.courier.command.EventFilter",
            "dev.courier.command.CommandNotFoundException",
            "dev.courier.command.CommandQueue",
            "dev.courier.command.CommandRecord",
            "dev.courier.command.CommandsQueued",
            "dev.courier.command.DeliverySettings",
            "dev.courier.command.DevicesDue",
            "dev.courier.command.LeasedCommand",
            "dev.courier.command.SendCommand",
            "dev.courier.command.SendResult",
            "dev.courier.history.CommandHistory",
            "dev.courier.history.HistoryQuery",
            "dev.courier.system.BearerAuthentication",
            "dev.courier.system.BearerCredential",
            "dev.courier.system.CachedCredentials",
            "dev.courier.system.ClientConnections",
            "dev.courier.system.CredentialOffException",
            "dev.courier.system.CourierProblem",
            "dev.courier.system.FilterOrder",
            "dev.courier.system.GuardedHttp11NioProtocol",
            "dev.courier.system.IdentifiedSecret",
            "dev.courier.system.InvalidRequestException",
            "dev.courier.system.Ident",
            "dev.courier.system.Idents",
            "dev.courier.system.Idents$IdentValidator",
            "dev.courier.system.RequestRecords",
            "dev.courier.system.WrongTypeMessage",
            "dev.courier.system.NoDatasourceConfigured",
            "dev.courier.system.NotificationPayloads",
            "dev.courier.system.NotificationReceiver",
            "dev.courier.system.ProblemReportValve",
            "dev.courier.system.DaemonThreads",
            "dev.courier.system.DatabaseOutage",
            "dev.courier.system.EmbeddedSettings",
            "dev.courier.system.FailedAuthentications",
            "dev.courier.system.ProblemWriter",
            "dev.courier.system.RequestAttributeArgumentResolver",
            "dev.courier.system.RequestPaths",
            "dev.courier.system.Secrets",
            "dev.courier.system.SideConnections");

    @ArchTest
    static final ArchRule onlyEachModulesApiIsPublic = classes()
            .that()
            .arePublic()
            .and()
            .areTopLevelClasses()
            .should(new ArchCondition<JavaClass>("be part of its module's API") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    if (!PUBLIC_API.contains(type.getName())) {
                        events.add(SimpleConditionEvent.violated(
                                type, type.getName() + " is public but not in ArchitectureTests.PUBLIC_API"));
                    }
                }
            });
}
