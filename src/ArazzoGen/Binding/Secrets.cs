using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using ArazzoGen.Infrastructure;
using System.Linq;
using ArazzoGen.Model;

namespace ArazzoGen.Binding;

/// <summary>
/// Which values are credentials, so that generated records never print them. An input is a secret when its schema
/// says <c>format: password</c>, when its name says so (<c>apiToken</c>, <c>clientSecret</c>…), or when a step sends
/// it where credentials go: the <c>Authorization</c>, <c>Proxy-Authorization</c> or <c>Cookie</c> header, any cookie,
/// a parameter an <c>apiKey</c> security scheme of the OpenAPI document names, or a parameter whose name says so.
/// </summary>
internal static class Secrets
{
    private static readonly Regex InputReference = new(
        @"\$inputs\.([A-Za-z0-9_\-]+)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // Compared with the name in lower case, '-' and '_' removed.
    private static readonly string[] SecretWords =
    {
        "password", "passwd", "secret", "token", "apikey", "credential", "authorization", "cookie", "privatekey",
        "session",
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

    /// <summary>Adds the names of the workflow inputs <paramref name="value"/> refers to.</summary>
    public static void CollectInputs(PayloadNode value, HashSet<string> into)
    {
        foreach (Match match in InputReference.Matches(value.Text))
        {
            into.Add(match.Groups[1].Value);
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
