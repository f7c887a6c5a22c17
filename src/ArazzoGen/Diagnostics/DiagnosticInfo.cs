using System;
using System.Linq;
using ArazzoGen.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Diagnostics;

/// <summary>
/// A diagnostic as a value: the descriptor id, where it points and the message arguments.
/// <see cref="Diagnostic"/> itself does not compare reliably, so models carry this instead.
/// </summary>
internal sealed record DiagnosticInfo(string Id, SourceSpan Location, EquatableArray<string> Arguments)
{
    /// <summary>
    /// Other places the diagnostic concerns, such as the first of two duplicate ids: an IDE lists them with the
    /// diagnostic, so the reader need not search for what the message names.
    /// </summary>
    public EquatableArray<SourceSpan> AdditionalLocations { get; init; } = EquatableArray<SourceSpan>.Empty;

    /// <summary>A value quoted in a message is cut to this many characters: the location shows the rest.</summary>
    public const int MaxQuotedLength = 300;

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpan location, params string[] arguments)
        => new(descriptor.Id, location, arguments.Select(Shorten).ToEquatableArray());

    /// <summary>
    /// A megabyte condition or operationId quoted whole made a megabyte message (and an IDE line to match); the
    /// diagnostic's location already points at the text.
    /// </summary>
    private static string Shorten(string argument)
        => argument is { Length: > MaxQuotedLength }
            ? argument.Substring(0, MaxQuotedLength - 1) + "…"
            : argument;

    public Diagnostic ToDiagnostic()
    {
        var descriptor = DiagnosticDescriptors.ById(Id);
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        var additional = new Location[AdditionalLocations.Count];
        for (var i = 0; i < additional.Length; i++)
        {
            additional[i] = AdditionalLocations[i].ToLocation();
        }

        return Diagnostic.Create(descriptor, Location.ToLocation(), additional, args);
    }
}

/// <summary>Collects diagnostics while one document is read or bound.</summary>
internal sealed class DiagnosticBag
{
    private readonly System.Collections.Generic.List<DiagnosticInfo> _items = new();

    public int Count => _items.Count;

    public bool HasErrors { get; private set; }

    public void Add(DiagnosticDescriptor descriptor, SourceSpan location, params string[] arguments)
    {
        _items.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
    }

    /// <summary>
    /// Adds a diagnostic at <paramref name="location"/> that also points at <paramref name="related"/>.
    /// </summary>
    public void AddWithRelated(
        DiagnosticDescriptor descriptor,
        SourceSpan location,
        SourceSpan related,
        params string[] arguments)
    {
        _items.Add(DiagnosticInfo.Create(descriptor, location, arguments) with
        {
            AdditionalLocations = new[] { related }.ToEquatableArray(),
        });
        HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
    }

    /// <summary>
    /// What was reported, each diagnostic once: a workflow's own actions are bound with every step, so a fault in one
    /// would otherwise be reported once per step.
    /// </summary>
    public EquatableArray<DiagnosticInfo> ToArray() => System.Linq.Enumerable.Distinct(_items).ToEquatableArray();

    public int Mark() => _items.Count;

    public bool HasErrorsSince(int mark)
    {
        for (var i = mark; i < _items.Count; i++)
        {
            if (DiagnosticDescriptors.ById(_items[i].Id).DefaultSeverity == DiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }
}
