using System;
using System.Collections.Generic;
using ArazzoGen.Infrastructure;
using Microsoft.OpenApi;

namespace ArazzoGen.OpenApi;

/// <summary>
/// The names (lower case) of a request body's properties, in any media type and at any depth, whose schema says
/// <c>format: password</c>. One finder serves a whole document: each schema is read once, as a node of small
/// integer edges, and a body's search walks those nodes, each at most once.
/// </summary>
/// <remarks>
/// Reading a schema is the cost: a reference resolves its target on every read, and the component schemas of a large
/// description are reached from hundreds of operations along many paths. A search along every path read the same
/// schemas over and over and took longer than parsing the document.
/// </remarks>
internal sealed class PasswordFields
{
    private readonly Dictionary<IOpenApiSchema, int> _ids = new(SchemaIdentity.Instance);
    private readonly List<Node> _nodes = new();
    private readonly Stack<int> _pending = new();
    private readonly HashSet<int> _seen = new();

    public EquatableArray<string> Of(IOpenApiRequestBody? body)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (body?.Content is not { } content)
        {
            return names.ToEquatableArray();
        }

        _seen.Clear();
        foreach (var media in content.Values)
        {
            if (media?.Schema is { } schema)
            {
                _pending.Push(IdOf(schema));
            }
        }

        while (_pending.Count > 0)
        {
            var id = _pending.Pop();
            if (!_seen.Add(id))
            {
                continue;
            }

            var node = Read(id);
            foreach (var name in node.Passwords)
            {
                names.Add(name);
            }

            foreach (var child in node.Children)
            {
                _pending.Push(child);
            }
        }

        return names.ToEquatableArray();
    }

    /// <summary>The node of a schema; a reference and the schema it resolves to share one.</summary>
    private int IdOf(IOpenApiSchema schema)
    {
        if (_ids.TryGetValue(schema, out var id))
        {
            return id;
        }

        var target = schema is OpenApiSchemaReference reference
            ? (IOpenApiSchema?)reference.RecursiveTarget ?? schema
            : schema;
        if (!_ids.TryGetValue(target, out id))
        {
            id = _nodes.Count;
            _nodes.Add(new Node(target));
            _ids.Add(target, id);
        }

        _ids[schema] = id;
        return id;
    }

    /// <summary>A node's password names and children, read from its schema the first time it is searched.</summary>
    private Node Read(int id)
    {
        var node = _nodes[id];
        if (node.Schema is not { } schema)
        {
            return node;
        }

        var passwords = new List<string>();
        var children = new List<int>();
        foreach (var property in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property.Value is null)
            {
                continue;
            }

            if (string.Equals(property.Value.Format, "password", StringComparison.OrdinalIgnoreCase))
            {
                passwords.Add(property.Key.ToLowerInvariant());
            }

            children.Add(IdOf(property.Value));
        }

        AddAll(children, schema.AllOf);
        AddAll(children, schema.OneOf);
        AddAll(children, schema.AnyOf);
        if (schema.Items is { } items)
        {
            children.Add(IdOf(items));
        }

        node = new Node(null) { Passwords = passwords.ToArray(), Children = children.ToArray() };
        _nodes[id] = node;
        return node;
    }

    private void AddAll(List<int> children, IList<IOpenApiSchema>? schemas)
    {
        foreach (var schema in schemas ?? Array.Empty<IOpenApiSchema>())
        {
            if (schema is not null)
            {
                children.Add(IdOf(schema));
            }
        }
    }

    /// <summary>A schema not read yet (<see cref="Schema"/> set), or what reading it gave.</summary>
    private sealed class Node
    {
        public Node(IOpenApiSchema? schema) => Schema = schema;

        public IOpenApiSchema? Schema { get; }

        public string[] Passwords { get; init; } = Array.Empty<string>();

        public int[] Children { get; init; } = Array.Empty<int>();
    }
}
