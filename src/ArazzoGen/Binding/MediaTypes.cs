using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace ArazzoGen.Binding;

/// <summary>What a request body's media type asks of its payload.</summary>
internal enum MediaKind
{
    /// <summary><c>application/json</c> and <c>*/*+json</c>.</summary>
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c>.</summary>
    Form,

    /// <summary><c>multipart/form-data</c>.</summary>
    Multipart,

    /// <summary><c>application/xml</c>, <c>text/xml</c> and <c>*/*+xml</c>.</summary>
    Xml,

    /// <summary>Any other <c>text/*</c>.</summary>
    Text,

    /// <summary>Anything else: a string payload is sent as it is.</summary>
    Other,
}

internal static class MediaTypes
{
    private static readonly Regex Form = new(
        @"^[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*(;.*)?$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline,
        TimeSpan.FromSeconds(1));

    /// <summary>True for <c>type/subtype</c>, with parameters or not: what a Content-Type header carries.</summary>
    public static bool IsValid(string contentType)
        => Form.IsMatch(contentType) && contentType.IndexOfAny(new[] { '\r', '\n' }) < 0;

    /// <summary>
    /// The <c>charset</c> parameter of a media type when it names an encoding other than UTF-8 (or US-ASCII, its
    /// subset); null otherwise. Bodies are encoded as UTF-8, so any other charset would mislabel their bytes.
    /// </summary>
    public static string? ForeignCharset(string contentType)
    {
        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var equals = parameter.IndexOf('=');
            var name = equals < 0 ? string.Empty : parameter.Substring(0, equals).Trim();
            if (!name.Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = parameter.Substring(equals + 1).Trim().Trim('"');
            if (!value.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                && !value.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public static MediaKind Classify(string contentType)
    {
        var semicolon = contentType.IndexOf(';');
        var type = (semicolon < 0 ? contentType : contentType.Substring(0, semicolon)).Trim().ToLowerInvariant();
        if (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal))
        {
            return MediaKind.Json;
        }

        if (type == "application/xml" || type == "text/xml" || type.EndsWith("+xml", StringComparison.Ordinal))
        {
            return MediaKind.Xml;
        }

        return type switch
        {
            "application/x-www-form-urlencoded" => MediaKind.Form,
            "multipart/form-data" => MediaKind.Multipart,
            _ => type.StartsWith("text/", StringComparison.Ordinal) ? MediaKind.Text : MediaKind.Other,
        };
    }
}
