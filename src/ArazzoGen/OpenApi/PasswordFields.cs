using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Infrastructure;
using Microsoft.OpenApi;

namespace ArazzoGen.OpenApi;

/// <summary>
/// The names (lower case) of a request body's properties, in any media type and at any depth, whose schema says
/// <c>format: password</c>. One finder serves a whole document: each schema is read once, and the names reachable
/// from it are worked out once and kept, so a body that reaches schemas an earlier body reached reads no further.
/// </summary>
/// <remarks>
/// Component schemas refer to each other, in cycles too, and a large description's are reached from hundreds of
/// operations: a search per body along every path read the same schemas over and over and took longer than parsing
/// the document. Schemas that reach each other share their names; Tarjan's algorithm finds those groups, run with
/// its own stack so that no chain of references, however long, can overflow the thread's.
/// </remarks>
internal sealed class PasswordFields
{
    private readonly SchemaNumbers _numbers;

    public PasswordFields(SchemaTargets targets) => _numbers = new SchemaNumbers(targets);
    private readonly List<Node> _nodes = new();
    private readonly Stack<int> _group = new();
    private readonly List<int> _members = new();
    private readonly List<int> _children = new();
    private int _visits;

    public EquatableArray<string> Of(IOpenApiRequestBody? body)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var media in body?.Content?.Values ?? Enumerable.Empty<IOpenApiMediaType>())
        {
            if (media?.Schema is { } schema)
            {
                names.UnionWith(Reachable(IdOf(schema)));
            }
        }

        return names.ToEquatableArray();
    }

    /// <summary>The password names reachable from a node, worked out for it and all it reaches if not known.</summary>
    private string[] Reachable(int root)
    {
        if (_nodes[root].Names is { } known)
        {
            return known;
        }

        var frames = new Stack<(int Node, int Child)>();
        Visit(root, frames);
        while (frames.Count > 0)
        {
            var (id, child) = frames.Pop();
            var node = _nodes[id];
            if (child < node.Children.Length)
            {
                frames.Push((id, child + 1));
                var next = _nodes[node.Children[child]];
                if (next.Names is not null)
                {
                    continue;
                }

                if (next.Visit < 0)
                {
                    Visit(node.Children[child], frames);
                }
                else if (next.OnStack)
                {
                    node.Low = Math.Min(node.Low, next.Visit);
                }

                continue;
            }

            if (node.Low == node.Visit)
            {
                CloseGroup(id);
            }

            if (frames.Count > 0)
            {
                var parent = _nodes[frames.Peek().Node];
                parent.Low = Math.Min(parent.Low, node.Low);
            }
        }

        return _nodes[root].Names!;
    }

    private void Visit(int id, Stack<(int Node, int Child)> frames)
    {
        var node = Read(id);
        node.Visit = node.Low = _visits++;
        node.OnStack = true;
        _group.Push(id);
        frames.Push((id, 0));
    }

    /// <summary>
    /// The schemas that reach each other down to <paramref name="head"/> are one group: each gets the group's own
    /// names and those of every group it reaches, which are all known by now.
    /// </summary>
    private void CloseGroup(int head)
    {
        _members.Clear();
        int id;
        do
        {
            id = _group.Pop();
            _nodes[id].OnStack = false;
            _members.Add(id);
        }
        while (id != head);

        // Most groups are one schema that reaches no password: they share the empty result, and nothing is gathered.
        SortedSet<string>? names = null;
        foreach (var member in _members)
        {
            var node = _nodes[member];
            if (node.Passwords.Length > 0)
            {
                (names ??= new SortedSet<string>(StringComparer.Ordinal)).UnionWith(node.Passwords);
            }

            foreach (var child in node.Children)
            {
                if (_nodes[child].Names is { Length: > 0 } reached)
                {
                    (names ??= new SortedSet<string>(StringComparer.Ordinal)).UnionWith(reached);
                }
            }
        }

        var result = names is null ? Array.Empty<string>() : names.ToArray();
        foreach (var member in _members)
        {
            _nodes[member].Names = result;
        }
    }

    /// <summary>The node of a schema; a reference and the schema it resolves to share one.</summary>
    private int IdOf(IOpenApiSchema schema)
    {
        var id = _numbers.Of(schema);
        while (_nodes.Count <= id)
        {
            _nodes.Add(new Node(_numbers.Schemas[_nodes.Count]));
        }

        return id;
    }

    /// <summary>A node with its password names and children read from its schema (once).</summary>
    private Node Read(int id)
    {
        var node = _nodes[id];
        if (node.Schema is not { } schema)
        {
            return node;
        }

        List<string>? passwords = null;
        var children = _children;
        children.Clear();
        if (schema.Properties is { } properties)
        {
            foreach (var property in properties)
            {
                if (property.Value is null)
                {
                    continue;
                }

                // The format of the schema the property resolves to: asking a reference resolves it again.
                var child = IdOf(property.Value);
                if (string.Equals(_numbers.Schemas[child].Format, "password", StringComparison.OrdinalIgnoreCase))
                {
                    (passwords ??= new List<string>()).Add(property.Key.ToLowerInvariant());
                }

                children.Add(child);
            }
        }

        AddAll(children, schema.AllOf);
        AddAll(children, schema.OneOf);
        AddAll(children, schema.AnyOf);
        if (schema.Items is { } items)
        {
            children.Add(IdOf(items));
        }

        node.Schema = null;
        node.Passwords = passwords?.ToArray() ?? Array.Empty<string>();
        node.Children = children.Count == 0 ? Array.Empty<int>() : children.ToArray();
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

    /// <summary>
    /// A schema: not read yet while <see cref="Schema"/> is set; <see cref="Visit"/>, <see cref="Low"/> and
    /// <see cref="OnStack"/> are Tarjan's bookkeeping; <see cref="Names"/> is set once its group is closed.
    /// </summary>
    private sealed class Node
    {
        public Node(IOpenApiSchema schema) => Schema = schema;

        public IOpenApiSchema? Schema { get; set; }

        public string[] Passwords { get; set; } = Array.Empty<string>();

        public int[] Children { get; set; } = Array.Empty<int>();

        public int Visit { get; set; } = -1;

        public int Low { get; set; }

        public bool OnStack { get; set; }

        public string[]? Names { get; set; }
    }
}
