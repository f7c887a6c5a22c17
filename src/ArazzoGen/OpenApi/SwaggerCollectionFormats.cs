using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArazzoGen.OpenApi;

/// <summary>
/// The <c>collectionFormat</c> of each Swagger 2.0 parameter, read from the document itself. The OpenAPI reader turns
/// 2.0 documents into 3.x ones but maps <c>csv</c> (the 2.0 default) to an exploded form, which would send
/// <c>ids=1&amp;ids=2</c> where the API expects <c>ids=1,2</c>; these values put that right.
/// </summary>
internal static class SwaggerCollectionFormats
{
    private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch" };

    /// <summary>(path, METHOD, name, in) → collectionFormat, for the parameters that state one.</summary>
    public static Dictionary<(string Path, string Method, string Name, string In), string> Read(string text)
    {
        var formats = new Dictionary<(string, string, string, string), string>();
        YamlMappingNode? root;
        try
        {
            // Only a document Microsoft.OpenApi has read comes here, and it refuses nesting deeper than 64 levels: the
            // recursive load below cannot overflow the stack.
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            // The document was read once already; if it does not read here, the reader's own values stand.
            return formats;
        }

        var shared = Child(root, "parameters") as YamlMappingNode;
        if (Child(root, "paths") is not YamlMappingNode paths)
        {
            return formats;
        }

        foreach (var path in paths.Children)
        {
            if (path.Key is not YamlScalarNode { Value: { } template } || path.Value is not YamlMappingNode item)
            {
                continue;
            }

            foreach (var method in Methods)
            {
                if (Child(item, method) is YamlMappingNode operation)
                {
                    // Operation parameters override the path item's of the same name and location.
                    Add(formats, template, method, Child(item, "parameters"), shared);
                    Add(formats, template, method, Child(operation, "parameters"), shared);
                }
            }
        }

        return formats;
    }

    private static void Add(
        Dictionary<(string, string, string, string), string> formats,
        string path,
        string method,
        YamlNode? parameters,
        YamlMappingNode? shared)
    {
        if (parameters is not YamlSequenceNode list)
        {
            return;
        }

        foreach (var node in list.Children)
        {
            var parameter = node as YamlMappingNode;
            const string Shared = "#/parameters/";
            if (Scalar(parameter, "$ref") is { } reference && reference.StartsWith(Shared, StringComparison.Ordinal))
            {
                parameter = Child(shared, Unescape(reference.Substring(Shared.Length))) as YamlMappingNode;
            }

            if (Scalar(parameter, "name") is { } name && Scalar(parameter, "in") is { } location)
            {
                var format = Scalar(parameter, "collectionFormat") ?? "csv";
                formats[(path, method.ToUpperInvariant(), name, location)] = format;
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode? map, string key)
    {
        if (map is null)
        {
            return null;
        }

        foreach (var entry in map.Children)
        {
            if (entry.Key is YamlScalarNode { Value: { } k } && k == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static string? Scalar(YamlMappingNode? map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    private static string Unescape(string token) => token.Replace("~1", "/").Replace("~0", "~");
}
