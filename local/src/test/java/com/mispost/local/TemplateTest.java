package com.mispost.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Holds template.yaml and the built artifacts together, and keeps the template lint-clean. */
class TemplateTest {
    /** What no function artifact may carry: other HTTP clients, and nothing of another function. */
    private static final List<String> FORBIDDEN = List.of(
            "io/netty/", "org/apache/http/", "org/apache/hc/",
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/",
            "software/amazon/awssdk/http/nio/netty/", "com/mispost/local/");

    private final TemplateModel template = TemplateModel.read(Moto.template());
    private final Path root = Moto.template().toAbsolutePath().getParent();

    @Test
    void cfnLintFindsNoErrorOrWarning() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("cfn-lint", root.resolve("template.yaml").toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("cfn-lint is not installed (pip install cfn-lint): " + e.getMessage());
            return;
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as("cfn-lint output").isEmpty();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void theTemplateDeclaresFourFunctionsOnJava21() {
        assertThat(template.functions()).extracting(TemplateModel.FunctionSpec::logicalId)
                .containsExactly("IntakeFunction", "DetectFunction", "ApologyFunction", "ClosureFunction");
        assertThat(template.resources().path("Table").path("Properties").path("StreamSpecification")
                .path("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
    }

    /**
     * What `sam build` does with each function: a CodeUri that is a source folder it builds with its
     * workflow; anything else (the jar ./mispost build makes) must be marked SkipBuild, or SAM runs its
     * Maven workflow in the jar's path and fails (aws-sam-cli issue #4575). Either way the path exists.
     */
    @Test
    void samBuildEitherBuildsEachFunctionsSourceFolderOrIsToldToSkipItsBuiltJar() {
        for (TemplateModel.FunctionSpec f : template.functions()) {
            Path code = root.resolve(f.codeUri());
            assertThat(code).as("%s's CodeUri after ./mispost build", f.logicalId()).exists();
            boolean sourceFolder = Files.isDirectory(code)
                    && (Files.exists(code.resolve("pom.xml")) || Files.exists(code.resolve("build.gradle")));
            boolean skipped = template.resources().path(f.logicalId()).path("Metadata").path("SkipBuild").asBoolean(false);
            assertThat(sourceFolder || skipped).as("%s: sam build cannot build %s unless Metadata SkipBuild is set",
                    f.logicalId(), f.codeUri()).isTrue();
        }
    }

    /** Slack and Teams are there only when their parameters are, and a channel can read the notices' topics and nothing else. */
    @Test
    void theChatChannelsAreOffWithoutTheirParametersAndMayOnlyReadTheTopics() {
        var r = template.resources();
        assertThat(r.path("SlackChannel").path("Condition").asText()).isEqualTo("HasSlack");
        assertThat(r.path("TeamsChannel").path("Condition").asText()).isEqualTo("HasTeams");
        for (String chat : List.of("SlackChannel", "TeamsChannel")) {
            var p = r.path(chat).path("Properties");
            assertThat(p.path("SnsTopicArns").toString()).contains("StaffTopic", "OpsTopic");
            assertThat(p.path("GuardrailPolicies").toString()).contains("ChatGuardrailPolicy");
        }
        var statements = r.path("ChatGuardrailPolicy").path("Properties").path("PolicyDocument").path("Statement");
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).path("Action").toString()).isEqualTo("[\"sns:GetTopicAttributes\"]");
        assertThat(r.path("ChatChannelRole").path("Properties").has("Policies")).as("the channel's role may do nothing").isFalse();
        assertThat(r.path("ChatChannelRole").path("Properties").has("ManagedPolicyArns")).isFalse();
    }

    @Test
    void everyHandlerResolvesInsideItsOwnArtifactAndNothingForbiddenIsPacked() throws Exception {
        List<String> problems = new ArrayList<>();
        for (TemplateModel.FunctionSpec f : template.functions()) {
            Path jar = root.resolve(f.codeUri());
            if (!Files.exists(jar)) {
                fail(jar + " is not built: run `mvn verify` (or ./mispost build) so that the artifacts exist");
            }
            String handlerEntry = f.handlerClass().replace('.', '/') + ".class";
            try (JarFile j = new JarFile(jar.toFile())) {
                if (j.getEntry(handlerEntry) == null) problems.add(f.logicalId() + ": no " + handlerEntry + " in " + jar);
                j.stream().map(e -> e.getName()).forEach(name -> {
                    for (String bad : FORBIDDEN) {
                        if (name.startsWith(bad)) problems.add(f.logicalId() + " carries " + name);
                    }
                    if (name.endsWith(".class") && name.startsWith("com/mispost/functions/") && !name.startsWith(
                            f.handlerClass().substring(0, f.handlerClass().lastIndexOf('.')).replace('.', '/'))) {
                        problems.add(f.logicalId() + " carries another function's class " + name);
                    }
                });
            }
            // The artifact alone (no other class path) must load the handler, as Lambda would.
            try (URLClassLoader alone = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                Class<?> handler = Class.forName(f.handlerClass(), false, alone);
                Class<?> contract = Class.forName(RequestHandler.class.getName(), false, alone);
                assertThat(contract.isAssignableFrom(handler)).as(f.handlerClass() + " is a RequestHandler").isTrue();
                assertThat(handler.getConstructor()).as("public no-argument constructor").isNotNull();
            }
        }
        assertThat(problems.stream().distinct().limit(20).toList()).isEmpty();
    }

    /**
     * The artifacts leave out SDK classes their functions never use (the other SSM operations'
     * payloads, paginators, async clients). Initialising each SDK client class links it, and the
     * verifier then loads every type its methods need: a class left out that the client cannot
     * do without fails here rather than in Lambda.
     */
    @Test
    void theSdkClientsInEachArtifactLinkWithWhatItCarries() throws Exception {
        List<String> clients = List.of("software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient",
                "software.amazon.awssdk.services.ssm.DefaultSsmClient", "software.amazon.awssdk.services.sns.DefaultSnsClient");
        for (TemplateModel.FunctionSpec f : template.functions()) {
            Path jar = root.resolve(f.codeUri());
            try (URLClassLoader alone = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                assertThat(alone.getResource("software/amazon/awssdk/services/ssm/DefaultSsmClient.class"))
                        .as(f.logicalId() + " carries the SSM client (secrets)").isNotNull();
                for (String client : clients) {
                    if (alone.getResource(client.replace('.', '/') + ".class") == null) continue;
                    assertThat(Class.forName(client, true, alone)).as(f.logicalId() + ": " + client).isNotNull();
                }
            }
        }
    }
}
