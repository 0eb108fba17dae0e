using System;
using System.IO;
using System.Xml;
using System.Xml.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// Parses XML text with line information and without any of XML's dangerous features:
/// DTDs are prohibited (so no entity is ever expanded) and no resolver exists (so nothing
/// external is ever fetched). The tree is built in one pass through <see cref="GuardedXmlReader"/>,
/// which also leaves the diagram interchange out of it.
/// </summary>
internal static class SafeXmlLoader
{
    /// <summary>Largest file accepted, in characters (a large real diagram is ~1 MB).</summary>
    public const int MaxCharacters = 16 * 1024 * 1024;

    /// <summary>
    /// Deepest element nesting accepted. Past it a file is refused before the tree grows any
    /// deeper (<see cref="GuardedXmlReader"/> guards the one pass that builds it): building
    /// it takes time super-linear in the depth, and some of System.Xml.Linq recurses per level
    /// (an element's Value) or walks every ancestor per element (namespace prefixes), which is a
    /// stack overflow or minutes on a file of nothing but nested tags. Real diagrams stay far
    /// below (sub-processes are capped at <see cref="CompilerLimits.MaxScopeDepth"/>).
    /// </summary>
    public const int MaxElementDepth = 256;

    public static XDocument? Load(string text, out FlowDiagnostic? error)
    {
        error = null;
        if (text.Length > MaxCharacters)
        {
            error = FlowDiagnostic.Create(DiagnosticCatalog.FileTooLarge, SourceSpan.At(1, 1, 1), text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        try
        {
            using var reader = new GuardedXmlReader(XmlReader.Create(new StringReader(text), settings), MaxElementDepth);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (GuardedXmlReader.TooDeepException tooDeep)
        {
            error = FlowDiagnostic.Create(DiagnosticCatalog.NestedTooDeeply, tooDeep.Span, MaxElementDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }
        catch (XmlException ex)
        {
            var line = Math.Max(ex.LineNumber, 1);
            var column = Math.Max(ex.LinePosition, 1);
            error = DoctypeInProlog(text) is { } doctype
                ? FlowDiagnostic.Create(DiagnosticCatalog.DtdProhibited, doctype)
                : FlowDiagnostic.Create(DiagnosticCatalog.MalformedXml, SourceSpan.At(line, column, 1), ex.Message);
            return null;
        }
    }

    /// <summary>
    /// The parser reports a prohibited DTD as a plain XmlException with a localised message
    /// (and sometimes no position), so we recognise it by a <c>&lt;!DOCTYPE</c> in the prolog:
    /// with one there, the parser always stops at it first.
    /// </summary>
    private static SourceSpan? DoctypeInProlog(string text)
    {
        if (PrologScanner.DoctypeOffset(text) is not { } offset)
        {
            return null;
        }

        var (line, column) = new LineIndex(text).Position(offset);
        return SourceSpan.At(line, column, "<!DOCTYPE".Length);
    }
}
