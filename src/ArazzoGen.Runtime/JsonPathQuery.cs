using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using ArazzoGen.Runtime.JsonPath;
using Microsoft.Extensions.Logging;

namespace ArazzoGen.Runtime;

/// <summary>
/// An RFC 9535 JSONPath query, parsed once. Generated workflows keep one in a static field per <c>jsonpath</c>
/// criterion; the generator has parsed the same text with the same parser at build time.
/// </summary>
public sealed class JsonPathQuery
{
    private readonly Query _query;

    private JsonPathQuery(string text, Query query)
    {
        Text = text;
        _query = query;
    }

    /// <summary>The query as written.</summary>
    public string Text { get; }

    /// <summary>Parses a query.</summary>
    /// <exception cref="FormatException">The text is not a valid RFC 9535 query; the message says where.</exception>
    public static JsonPathQuery Parse(string query)
    {
        try
        {
            return new JsonPathQuery(query, JsonPathParser.Parse(query));
        }
        catch (JsonPathSyntaxException ex)
        {
            throw new FormatException(
                $"'{query}' is not an RFC 9535 JSONPath query: {ex.Message} (at offset {ex.Offset})",
                ex);
        }
    }

    /// <summary>The nodes the query selects from <paramref name="root"/>, in order.</summary>
    /// <exception cref="RegexMatchTimeoutException">A <c>match</c> or <c>search</c> ran too long.</exception>
    public IReadOnlyList<JsonElement> Select(JsonElement root) => JsonPathEvaluator.Select(_query, root);

    /// <summary>
    /// The criterion: true when the query selects at least one node. A query whose first segment filters
    /// (<c>$[?…]</c>) runs over the context wrapped in a one-element array, so that the filter tests the context
    /// itself; any other query (<c>$.items[0]</c>, <c>$..id</c>) runs over the context as it is. A context with no
    /// value, an unreadable one, or a <c>match</c> that runs too long makes the criterion false; the reason is
    /// logged at debug level.
    /// </summary>
    public bool Matches(ArazzoValue context, ILogger? logger = null)
    {
        if (context.IsMissing)
        {
            return Fails(logger, context.Error ?? "the context has no value");
        }

        try
        {
            if (!FiltersFirst)
            {
                return context.AsJson() is { } json && Select(json).Count > 0;
            }

            using var wrapped = Wrap(context);
            return Select(wrapped.RootElement).Count > 0;
        }
        catch (ArazzoValueException ex)
        {
            return Fails(logger, ex.Message);
        }
        catch (RegexMatchTimeoutException)
        {
            return Fails(logger, "a regular expression ran past its time limit");
        }
    }

    private bool FiltersFirst
        => _query.Segments.Count > 0 && _query.Segments[0].Selectors.Any(s => s is FilterSelector);

    /// <inheritdoc />
    public override string ToString() => Text;

    private bool Fails(ILogger? logger, string reason)
    {
        if (logger is not null)
        {
            WorkflowLog.JsonPathCriterionDoesNotHold(logger, Text, reason);
        }

        return false;
    }

    private static JsonDocument Wrap(ArazzoValue context)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            context.WriteTo(writer);
            writer.WriteEndArray();
        }

        return JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 258 });
    }
}
