using System;
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
