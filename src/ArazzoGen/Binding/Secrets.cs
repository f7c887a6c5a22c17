using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ArazzoGen.Expressions;
using ArazzoGen.Infrastructure;
using ArazzoGen.Model;

namespace ArazzoGen.Binding;

/// <summary>
/// Which values are credentials, so that generated records never print them. An input is a secret when its schema
/// says <c>format: password</c>, when its name says so (<c>apiToken</c>, <c>clientSecret</c>…), or when a step sends
/// it where credentials go: the <c>Authorization</c>, <c>Proxy-Authorization</c> or <c>Cookie</c> header, any cookie,
/// a parameter an <c>apiKey</c> security scheme of the OpenAPI document names, a parameter whose name says so or whose
/// schema says <c>format: password</c>, or a request body field whose name says so or whose schema says
/// <c>format: password</c> (an OAuth2 <c>client_secret</c> in a form, a login's <c>password</c>).
/// </summary>
internal static class Secrets
{
    // A field name, then '=', ':' or '>' (form, JSON, XML), then the input embedded as its value.
    private static readonly Regex TemplateField = new(
        @"(?<name>[A-Za-z0-9_.\-]+)[""']?\s*[=:>]\s*[""']?\{\$inputs\.(?<input>[A-Za-z0-9_\-]+)",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    // The names in a JSON Pointer or XPath replacement target.
    private static readonly Regex Segment = new(
        @"[A-Za-z0-9_\-]+", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // Compared with the name in lower case, '-' and '_' removed.
    private static readonly string[] SecretWords =
    {
        "password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "credential", "authorization",
        "cookie", "privatekey", "session", "bearer", "jwt",
    };

    /// <summary>True for a name that says it holds a credential.</summary>
    public static bool LooksSecret(string name)
    {
        var folded = name.Replace("-", string.Empty).Replace("_", string.Empty).ToLowerInvariant();
        foreach (var word in SecretWords)
        {
            if (folded.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a parameter sent at <paramref name="location"/> under this name is a credential.</summary>
    public static bool IsSecretParameter(string? location, string name, EquatableArray<string> apiKeyParameters)
    {
        if (location == "cookie")
        {
            return true;
        }

        if (location == "header"
            && (string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (location is not null && apiKeyParameters.Contains(location + ":" + name.ToLowerInvariant()))
        {
            return true;
        }

        return LooksSecret(name);
    }

    /// <summary>
    /// Adds the workflow inputs a request body sends where credentials go: under a member whose name says so, or
    /// that the operation's body schema marks <c>format: password</c> (<paramref name="passwordFields"/>), at any
    /// depth; right after such a name in a string template (<c>password={$inputs.pw}</c>,
    /// <c>"password": "{$inputs.pw}"</c>, <c>&lt;password&gt;{$inputs.pw}</c>); and into a replacement target one of
    /// whose segments is such a name.
    /// </summary>
    public static void CollectBodyInputs(RequestBody body, EquatableArray<string> passwordFields, HashSet<string> into)
    {
        if (body.Payload is { } payload)
        {
            CollectFields(payload, passwordFields, into);
        }

        foreach (var replacement in body.Replacements)
        {
            if (Segment.Matches(replacement.Target).Cast<Match>().Any(m => IsSecretField(m.Value, passwordFields)))
            {
                CollectInputs(replacement.Value, into);
            }
        }
    }

    private static void CollectFields(PayloadNode node, EquatableArray<string> passwordFields, HashSet<string> into)
    {
        if (node.Kind == PayloadKind.String)
        {
            foreach (Match match in TemplateField.Matches(node.Text))
            {
                if (IsSecretField(match.Groups["name"].Value, passwordFields))
                {
                    into.Add(match.Groups["input"].Value);
                }
            }
        }

        foreach (var member in node.Members)
        {
            if (IsSecretField(member.Name, passwordFields))
            {
                CollectInputs(member.Value, into);
            }
            else
            {
                CollectFields(member.Value, passwordFields, into);
            }
        }

        foreach (var item in node.Items)
        {
            CollectFields(item, passwordFields, into);
        }
    }

    private static bool IsSecretField(string name, EquatableArray<string> passwordFields)
        => LooksSecret(name) || passwordFields.Contains(name.ToLowerInvariant());

    /// <summary>
    /// True when a workflow output's <paramref name="expression"/> reads a credential: a secret input, a step output
    /// whose name says so, or one the step took from a place whose name says so (a JSON Pointer segment such as
    /// <c>/access_token</c>, a response header such as <c>Set-Cookie</c>, the request's <c>Authorization</c>).
    /// </summary>
    public static bool ReadsSecret(string expression, Workflow workflow, Func<string, bool> isSecretInput)
    {
        foreach (var read in ExpressionsIn(expression))
        {
            if (read.Source == ExpressionSource.Inputs && isSecretInput(read.Names[0]))
            {
                return true;
            }

            if (read.Source == ExpressionSource.Steps && read.Names.Count >= 3 && read.Names[1] == "outputs")
            {
                var name = read.Names[2];
                var source = workflow.Steps.FirstOrDefault(s => s.StepId == read.Names[0])?.Outputs
                    .FirstOrDefault(o => o.Name == name);
                if (LooksSecret(name)
                    || (source is not null && ExpressionsIn(source.Expression).Any(TakenFromSecretPlace)))
                {
                    return true;
                }
            }

            if (TakenFromSecretPlace(read))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A header whose name says so (<c>$response.header.Set-Cookie</c>, <c>$request.header.Authorization</c>), or a
    /// place in a body one of whose names says so (<c>#/access_token</c>, <c>.token</c>).
    /// </summary>
    private static bool TakenFromSecretPlace(RuntimeExpression read)
        => read.Source is ExpressionSource.Request or ExpressionSource.Response
           && ((read.Names.Count >= 2 && read.Names[0] == "header" && LooksSecret(read.Names[1]))
               || (read.Pointer?.Split('/').Any(LooksSecret) ?? false)
               || read.Navigation.Any(step => step.Name is { } name && LooksSecret(name)));

    /// <summary>The runtime expressions in <paramref name="text"/>, whole or embedded in a template.</summary>
    private static IEnumerable<RuntimeExpression> ExpressionsIn(string text)
    {
        for (var i = text.IndexOf('$'); i >= 0 && i < text.Length; i = text.IndexOf('$', i + 1))
        {
            if (RuntimeExpressionParser.StartsExpression(text, i)
                && RuntimeExpressionParser.Parse(text, i, out var end, out _, out _) is { } read)
            {
                yield return read;
                i = Math.Max(i, end - 1);
            }
        }
    }

    /// <summary>Adds the names of the workflow inputs <paramref name="value"/> refers to.</summary>
    public static void CollectInputs(PayloadNode value, HashSet<string> into)
    {
        foreach (var read in ExpressionsIn(value.Text))
        {
            if (read.Source == ExpressionSource.Inputs)
            {
                into.Add(read.Names[0]);
            }
        }

        foreach (var member in value.Members)
        {
            CollectInputs(member.Value, into);
        }

        foreach (var item in value.Items)
        {
            CollectInputs(item, into);
        }
    }
}
