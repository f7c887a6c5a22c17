using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests.Reliability;

/// <summary>
/// Which inputs the generator marks secret, read from the generated records' <c>PrintMembers</c>: credentials that
/// travel in request bodies (an OAuth2 client secret in a form, a password field, a field the OpenAPI document marks
/// <c>format: password</c>), in a parameter the document marks so, and under the names credentials usually have.
/// </summary>
public sealed class SecretDetectionTests
{
    private const string Api = """
        openapi: 3.1.0
        info: { title: Secrets (a test fixture written for ArazzoGen), version: 1.0.0 }
        servers: [{ url: 'https://api.invalid' }]
        paths:
          /token:
            post:
              operationId: token
              requestBody:
                content:
                  application/x-www-form-urlencoded:
                    schema:
                      type: object
                      properties:
                        grant_type: { type: string }
                        client_id: { type: string }
                        client_secret: { type: string }
                        scope: { type: string }
              responses: { '200': { description: ok } }
          /login:
            post:
              operationId: login
              parameters:
                - { name: code, in: query, schema: { type: string, format: password } }
                - { name: q, in: query, schema: { type: string } }
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        user:
                          type: object
                          properties:
                            name: { type: string }
                            password: { type: string }
                        pin: { type: string, format: password }
                        extra: { type: string }
                        refresh_token: { type: string }
              responses: { '200': { description: ok } }
          /form:
            post:
              operationId: formLogin
              requestBody:
                content:
                  application/x-www-form-urlencoded:
                    schema: { type: object }
              responses: { '200': { description: ok } }
        """;

    private const string Document = """
        arazzo: 1.0.1
        info: { title: Secrets (a test fixture written for ArazzoGen), version: 1.0.0 }
        sourceDescriptions:
          - { name: api, url: ./api.yaml, type: openapi }
        workflows:
          - workflowId: sign-in
            inputs:
              type: object
              properties:
                clientId: { type: string }
                clientKey: { type: string }
                scope: { type: string }
                pw: { type: string }
                phrase: { type: string }
                pin2: { type: string }
                k2: { type: string }
                formPw: { type: string }
                jwt: { type: string }
                pwd: { type: string }
                passphrase: { type: string }
                bearer: { type: string }
                note: { type: string }
            steps:
              - stepId: token
                operationId: token
                requestBody:
                  contentType: application/x-www-form-urlencoded
                  payload:
                    grant_type: client_credentials
                    client_id: $inputs.clientId
                    client_secret: $inputs.clientKey
                    scope: $inputs.scope
              - stepId: login
                operationId: login
                parameters:
                  - { name: code, in: query, value: $inputs.pin2 }
                  - { name: q, in: query, value: $inputs.note }
                requestBody:
                  contentType: application/json
                  payload:
                    user: { name: $inputs.clientId, password: $inputs.pw }
                    pin: $inputs.phrase
                    extra: x
                    refresh_token: placeholder
                  replacements:
                    - { target: /refresh_token, value: $inputs.k2 }
              - stepId: form
                operationId: formLogin
                requestBody:
                  contentType: application/x-www-form-urlencoded
                  payload: "grant_type=password&username={$inputs.clientId}&password={$inputs.formPw}"
        """;

    [Fact]
    public void Credentials_in_bodies_password_parameters_and_credential_names_are_secret()
    {
        var code = GeneratedCode("/p/secrets.arazzo.yaml", Document, Api);
        Assert.Equal(
            new[]
            {
                "Bearer", "ClientKey", "FormPw", "Jwt", "K2", "Passphrase", "Phrase", "Pin2", "Pw", "Pwd",
            },
            SecretInputs(code));
    }

    [Fact]
    public void An_input_handed_to_a_secret_input_of_another_workflow_is_secret()
    {
        const string api = """
            openapi: 3.1.0
            info: { title: Keys (a test fixture written for ArazzoGen), version: 1.0.0 }
            servers: [{ url: 'https://api.invalid' }]
            components:
              securitySchemes:
                key: { type: apiKey, in: header, name: X-Key }
            paths:
              /r:
                get:
                  operationId: get
                  parameters:
                    - { name: X-Key, in: header, schema: { type: string } }
                  responses: { '200': { description: ok } }
            """;
        const string document = """
            arazzo: 1.0.1
            info: { title: Keys (a test fixture written for ArazzoGen), version: 1.0.0 }
            sourceDescriptions:
              - { name: api, url: ./api.yaml, type: openapi }
            workflows:
              - workflowId: call
                inputs:
                  type: object
                  properties:
                    k: { type: string }
                steps:
                  - stepId: get
                    operationId: get
                    parameters:
                      - { name: X-Key, in: header, value: $inputs.k }
              - workflowId: caller
                dependsOn: [call]
                inputs:
                  type: object
                  properties:
                    k: { type: string }
                    mine: { type: string }
                    label: { type: string }
                steps:
                  - stepId: again
                    workflowId: call
                    parameters:
                      - { name: k, value: $inputs.mine }
            """;
        var code = GeneratedCode("/p/keys.arazzo.yaml", document, api);
        Assert.Equal(new[] { "K" }, SecretInputs(code, "CallInputs", "CallOutputs"));
        Assert.Equal(new[] { "K", "Mine" }, SecretInputs(code, "CallerInputs", "CallerOutputs"));
    }

    [Fact]
    public void An_output_that_carries_a_credential_from_a_response_or_an_input_is_secret()
    {
        const string api = """
            openapi: 3.1.0
            info: { title: Login (a test fixture written for ArazzoGen), version: 1.0.0 }
            servers: [{ url: 'https://api.invalid' }]
            paths:
              /login:
                post:
                  operationId: login
                  responses: { '200': { description: ok } }
            """;
        const string document = """
            arazzo: 1.0.1
            info: { title: Login (a test fixture written for ArazzoGen), version: 1.0.0 }
            sourceDescriptions:
              - { name: api, url: ./api.yaml, type: openapi }
            workflows:
              - workflowId: login
                inputs:
                  type: object
                  properties:
                    password: { type: string }
                steps:
                  - stepId: login
                    operationId: login
                    parameters:
                      - { name: Authorization, in: header, value: 'Basic {$inputs.password}' }
                    outputs:
                      auth: $response.body#/access_token
                      grant: $response.header.Set-Cookie
                      user: $response.body#/user/name
                      signedIn: $response.body#/user/token_count
                      sent: $request.header.Authorization
                outputs:
                  sent: $steps.login.outputs.sent
                  auth: $steps.login.outputs.auth
                  grant: $steps.login.outputs.grant
                  echo: $inputs.password
                  user: $steps.login.outputs.user
            """;
        var code = GeneratedCode("/p/login.arazzo.yaml", document, api);
        Assert.Equal(
            new[] { "Auth", "Echo", "Grant", "Sent" }, SecretInputs(code, "LoginOutputs", "class LoginWorkflow"));
    }

    /// <summary>The inputs record's members that its PrintMembers writes as <c>***</c>, in order of name.</summary>
    /// <summary>Generates from a document and its API, checks it is clean and compiles; returns the C#.</summary>
    private static string GeneratedCode(string path, string document, string api)
    {
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText(path, document),
            new InMemoryAdditionalText("/p/api.yaml", api));

        var (result, output, _) = GeneratorHarness.Run(files);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(GeneratorHarness.CompileProblems(output));
        return result.GeneratedSources
            .Single(s => s.HintName.EndsWith(".arazzo.g.cs", System.StringComparison.Ordinal))
            .SourceText.ToString();
    }

    private static List<string> SecretInputs(string code, string inputs = "SignInInputs", string next = "SignInOutputs")
    {
        var record = code[code.IndexOf("record " + inputs, System.StringComparison.Ordinal)..];
        var end = next.StartsWith("class ", System.StringComparison.Ordinal) ? next : "record " + next;
        record = record[..record.IndexOf(end, System.StringComparison.Ordinal)];
        return Regex.Matches(record, @"Append\(""(?:, )?(\w+) = ""\)\.Append\(""\*\*\*""\)")
            .Select(m => m.Groups[1].Value)
            .Order(System.StringComparer.Ordinal)
            .ToList();
    }
}
