using System.Collections.Generic;

namespace Flow.Compiler.Reading;

/// <summary>
/// Maps an itemDefinition's structureRef to a C# type: XML Schema types (any prefix) and the
/// Java types Camunda files use; anything else is taken as a C# type name.
/// </summary>
internal static class ItemTypes
{
    private static readonly Dictionary<string, string> Known = new(System.StringComparer.Ordinal)
    {
        ["string"] = "string", ["boolean"] = "bool", ["bool"] = "bool", ["int"] = "int", ["integer"] = "long",
        ["long"] = "long", ["short"] = "short", ["decimal"] = "decimal", ["double"] = "double", ["float"] = "float",
        ["date"] = "global::System.DateTime", ["dateTime"] = "global::System.DateTimeOffset", ["duration"] = "global::System.TimeSpan",
        ["java.lang.String"] = "string", ["java.lang.Boolean"] = "bool", ["java.lang.Integer"] = "int",
        ["java.lang.Long"] = "long", ["java.lang.Double"] = "double", ["java.util.Date"] = "global::System.DateTimeOffset",
    };

    private const string XmlSchema = "http://www.w3.org/2001/XMLSchema";
    private const string XsdPrefix = "xsd:";

    /// <summary>
    /// Resolves a structureRef QName: a name whose prefix stands for XML Schema becomes
    /// "xsd:local"; anything else is kept as written.
    /// </summary>
    public static string? Qualify(System.Xml.Linq.XElement element, string? structureRef)
    {
        var colon = structureRef?.IndexOf(':') ?? -1;
        if (structureRef is null || colon <= 0)
        {
            return structureRef;
        }

        var ns = element.GetNamespaceOfPrefix(structureRef.Substring(0, colon));
        return ns?.NamespaceName == XmlSchema ? XsdPrefix + structureRef.Substring(colon + 1) : structureRef;
    }

    public static string ToCSharp(string structureRef)
    {
        var name = structureRef.Trim();
        if (name.StartsWith(XsdPrefix, System.StringComparison.Ordinal))
        {
            var local = name.Substring(XsdPrefix.Length);
            return Known.TryGetValue(local, out var xsd) ? xsd : local;
        }

        return Known.TryGetValue(name, out var type) ? type : name;
    }
}
