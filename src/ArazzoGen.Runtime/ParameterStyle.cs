namespace ArazzoGen.Runtime;

/// <summary>
/// How a parameter value becomes text where it goes: the <c>style</c> of an OpenAPI Parameter Object. Arrays and
/// objects are spread by the rules of RFC 6570 that OpenAPI cites, as its "Style Examples" table shows them.
/// </summary>
public enum ParameterStyle
{
    /// <summary><c>blue,black,brown</c>: path and header parameters (the default there).</summary>
    Simple,

    /// <summary><c>.blue.black.brown</c>: path parameters.</summary>
    Label,

    /// <summary><c>;color=blue,black,brown</c>: path parameters.</summary>
    Matrix,

    /// <summary><c>color=blue&amp;color=black</c>: query and cookie parameters (the default there).</summary>
    Form,

    /// <summary><c>color=blue%20black%20brown</c>: query parameters.</summary>
    SpaceDelimited,

    /// <summary><c>color=blue%7Cblack%7Cbrown</c>: query parameters.</summary>
    PipeDelimited,

    /// <summary><c>color%5BR%5D=100&amp;color%5BG%5D=200</c>: query parameters holding an object.</summary>
    DeepObject,

    /// <summary><c>color=blue; color=black</c>, not percent-encoded: cookie parameters (OpenAPI 3.2).</summary>
    Cookie,
}
