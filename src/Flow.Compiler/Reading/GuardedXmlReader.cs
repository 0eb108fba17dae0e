using System;
using System.Xml;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// The XmlReader a diagram's tree is built from, in one pass:
/// <list type="bullet">
/// <item>It stops at the first element deeper than a limit (a separate read before building
/// parsed every file twice), throwing <see cref="TooDeepException"/> before the element becomes
/// part of any tree: a tree never grows past the limit, where building it turns super-linear.</item>
/// <item>It reads the diagram interchange (<c>BPMNDiagram</c> children of the root: shapes,
/// edges, bounds, waypoints; a third or more of a modeller's file) without handing it on, so
/// no tree is built for what the compiler never reads. It is still parsed, so it must still be
/// well-formed and within the depth limit.</item>
/// </list>
/// </summary>
internal sealed class GuardedXmlReader : XmlReader, IXmlLineInfo
{
    private const string DiagramInterchange = "http://www.omg.org/spec/BPMN/20100524/DI";

    private readonly XmlReader _inner;
    private readonly IXmlLineInfo? _lines;
    private readonly int _maxDepth;

    public GuardedXmlReader(XmlReader inner, int maxDepth)
    {
        _inner = inner;
        _lines = inner as IXmlLineInfo;
        _maxDepth = maxDepth;
    }

    /// <summary>Thrown at the first too-deep element; <see cref="Span"/> is its start tag's <c>&lt;name</c>.</summary>
    public sealed class TooDeepException(SourceSpan span) : Exception("An element is nested past the depth limit.")
    {
        public SourceSpan Span { get; } = span;
    }

    public override bool Read()
    {
        while (_inner.Read())
        {
            if (_inner.NodeType != XmlNodeType.Element)
            {
                return true;
            }

            CheckDepth();
            if (_inner.Depth != 1 || _inner.LocalName != "BPMNDiagram" || _inner.NamespaceURI != DiagramInterchange)
            {
                return true;
            }

            ReadPastDiagram();
        }

        return false;
    }

    /// <summary>Reads to the end of the <c>BPMNDiagram</c> element the reader is on, checking depth all the way.</summary>
    private void ReadPastDiagram()
    {
        if (_inner.IsEmptyElement)
        {
            return;
        }

        var depth = _inner.Depth;
        while (_inner.Read())
        {
            if (_inner.NodeType == XmlNodeType.Element)
            {
                CheckDepth();
            }
            else if (_inner.NodeType == XmlNodeType.EndElement && _inner.Depth == depth)
            {
                return;
            }
        }
    }

    private void CheckDepth()
    {
        if (_inner.Depth >= _maxDepth)
        {
            var line = _lines?.LineNumber ?? 1;
            var column = Math.Max((_lines?.LinePosition ?? 2) - 1, 1);
            throw new TooDeepException(SourceSpan.At(line, column, _inner.Name.Length + 1));
        }
    }

    public int LineNumber => _lines?.LineNumber ?? 0;

    public int LinePosition => _lines?.LinePosition ?? 0;

    public bool HasLineInfo() => _lines?.HasLineInfo() ?? false;

    public override int AttributeCount => _inner.AttributeCount;

    public override string BaseURI => _inner.BaseURI;

    public override int Depth => _inner.Depth;

    public override bool EOF => _inner.EOF;

    public override bool IsEmptyElement => _inner.IsEmptyElement;

    public override string LocalName => _inner.LocalName;

    public override string Name => _inner.Name;

    public override string NamespaceURI => _inner.NamespaceURI;

    public override XmlNameTable NameTable => _inner.NameTable;

    public override XmlNodeType NodeType => _inner.NodeType;

    public override string Prefix => _inner.Prefix;

    public override ReadState ReadState => _inner.ReadState;

    public override string Value => _inner.Value;

    public override bool HasValue => _inner.HasValue;

    public override bool IsDefault => _inner.IsDefault;

    public override XmlSpace XmlSpace => _inner.XmlSpace;

    public override string XmlLang => _inner.XmlLang;

    public override XmlReaderSettings? Settings => _inner.Settings;

    public override string GetAttribute(int i) => _inner.GetAttribute(i);

    public override string? GetAttribute(string name) => _inner.GetAttribute(name);

    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);

    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);

    public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);

    public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);

    public override void MoveToAttribute(int i) => _inner.MoveToAttribute(i);

    public override bool MoveToElement() => _inner.MoveToElement();

    public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();

    public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();

    public override bool ReadAttributeValue() => _inner.ReadAttributeValue();

    public override void ResolveEntity() => _inner.ResolveEntity();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
