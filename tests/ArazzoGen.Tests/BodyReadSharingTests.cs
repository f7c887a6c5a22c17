using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests;

/// <summary>
/// A body read that several success actions make is made once, before the actions; text inside literals and failure
/// actions are left as they are.
/// </summary>
public class BodyReadSharingTests
{
    private const string Api = """
        openapi: 3.0.0
        info: { title: a, version: v }
        paths:
          /r:
            get:
              operationId: get
              responses: { '200': { description: ok } }
        """;

    private static string Generate(string actions)
    {
        var document = """
            arazzo: 1.0.1
            info: { title: t, version: v }
            sourceDescriptions: [ { name: api, url: ./api.yaml } ]
            workflows:
              - workflowId: w
                steps:
                  - stepId: s
                    operationId: get

            """ + actions;
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText("/p/w.arazzo.yaml", document), new InMemoryAdditionalText("/p/api.yaml", Api));

        var (result, output, _) = GeneratorHarness.Run(files);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        return result.GeneratedSources.Single().SourceText.ToString();
    }

    [Fact]
    public void A_read_two_success_actions_make_is_made_once_and_literals_keep_their_text()
    {
        var code = Generate("""
                    onSuccess:
                      - name: first
                        type: end
                        criteria:
                          - { context: $response.body, type: jsonpath, condition: "$.s == 'response.Body.Index(1)'" }
                      - name: second
                        type: end
                        criteria:
                          - { context: $response.body, type: jsonpath, condition: "$.s == 'b'" }
                    onFailure:
                      - name: third
                        type: end
                        criteria:
                          - { context: $response.body, type: jsonpath, condition: "$.s == 'c'" }
                      - name: fourth
                        type: end
                        criteria:
                          - { context: $response.body, type: jsonpath, condition: "$.s == 'd'" }
            """);

        Assert.Single(Regex.Matches(code, @"var bodyRead\d"));
        Assert.Contains("var bodyRead0 = response.Body.Member(\"s\");", code);
        Assert.Contains("Equal(bodyRead0, Arazzo.ArazzoValue.From(\"response.Body.Index(1)\"))", code);
        Assert.Contains("Equal(bodyRead0, Arazzo.ArazzoValue.From(\"b\"))", code);
        Assert.Equal(2, Regex.Matches(code, Regex.Escape("response.Body.Member(\"s\"),")).Count);
    }

    [Fact]
    public void Reads_after_an_action_that_always_applies_are_not_made()
    {
        var code = Generate("""
                    onSuccess:
                      - name: always
                        type: end
                      - name: never
                        type: end
                        criteria:
                          - { context: $response.body, type: jsonpath, condition: "$.s == 'a'" }
                      - name: neither
                        type: end
                        criteria:
                          - { context: $response.body, type: jsonpath, condition: "$.s == 'b'" }
            """);

        Assert.DoesNotContain("bodyRead", code);
    }
}
