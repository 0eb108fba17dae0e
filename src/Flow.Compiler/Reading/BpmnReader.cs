using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Xml.Linq;
using Flow.Compiler.Diagnostics;
using Flow.Compiler.Model;
using Flow.Compiler.Naming;
using Flow.Compiler.Text;

namespace Flow.Compiler.Reading;

/// <summary>
/// Reads BPMN 2.0 XML into the immutable model. Reports what it cannot read (FLOW0xxx) and
/// never throws for bad input. Structural judgement is left to the rules.
/// </summary>
public static class BpmnReader
{
    public static ReadResult Read(string text, CancellationToken cancellationToken = default)
    {
        var document = SafeXmlLoader.Load(text, out var loadError);
        if (document is null)
        {
            return new ReadResult(null, new[] { loadError! }.ToEquatableArray());
        }

        var root = document.Root!;
        if (root.Name.LocalName != "definitions" || !BpmnNamespaces.IsBpmn(root.Name.Namespace))
        {
            var error = FlowDiagnostic.Create(DiagnosticCatalog.NotBpmn, XmlSpans.Of(root), root.Name.LocalName, root.Name.NamespaceName);
            return new ReadResult(null, new[] { error }.ToEquatableArray());
        }

        var reader = new DocumentReader(root.Name.Namespace, new LineIndex(text), cancellationToken);
        var model = reader.ReadDefinitions(root);
        return new ReadResult(model, reader.Diagnostics.ToEquatableArray()) { LayoutFreeHash = LayoutFreeHash.Of(root) };
    }

    private sealed class DocumentReader
    {
        private readonly XNamespace _ns;
        private readonly LineIndex _lines;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, EventDefinitionKind> _globalEventDefinitions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _participantNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, GlobalElement> _globals = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<VariableDeclaration>> _payloads = new(StringComparer.Ordinal);
        private readonly GeneratedFlowIds _generatedFlowIds = new();

        public DocumentReader(XNamespace ns, LineIndex lines, CancellationToken cancellationToken)
        {
            _ns = ns;
            _lines = lines;
            _cancellationToken = cancellationToken;
        }

        public List<FlowDiagnostic> Diagnostics { get; } = new();

        public BpmnDocument ReadDefinitions(XElement root)
        {
            ReportDuplicateIds(root);
            Diagnostics.AddRange(IdSyntax.Check(root, _ns));
            Diagnostics.AddRange(TextLengths.Check(root, _ns));

            var globals = new List<GlobalElement>();
            foreach (var element in root.Elements())
            {
                if (!IsBpmn(element) || element.Name.LocalName == "process")
                {
                    continue;
                }

                var local = element.Name.LocalName;
                if (BpmnElementNames.EventDefinitions.TryGetValue(local, out var definitionKind))
                {
                    if (Attr(element, "id") is { } definitionId)
                    {
                        _globalEventDefinitions[definitionId] = definitionKind;
                    }

                    globals.Add(new GlobalElement(Attr(element, "id") ?? "", Attr(element, "name"), GlobalElementKind.EventDefinition, XmlSpans.Of(element)));
                }
                else if (BpmnElementNames.GlobalElements.TryGetValue(local, out var kind))
                {
                    globals.Add(new GlobalElement(Attr(element, "id") ?? "", Attr(element, "name"), kind, XmlSpans.Of(element), GlobalDetail(element, kind)));
                    if (kind is GlobalElementKind.Message or GlobalElementKind.Signal && Attr(element, "id") is { } payloadOwner)
                    {
                        _payloads[payloadOwner] = FlowExtensions.Declarations(element, _ns, "output").ToList();
                    }
                    if (kind == GlobalElementKind.Collaboration)
                    {
                        ReadParticipants(element);
                    }
                }
                else if (local is not "documentation" and not "extensionElements")
                {
                    Report(DiagnosticCatalog.UnrecognisedElement, XmlSpans.Of(element), local);
                }
            }

            foreach (var global in globals)
            {
                _globals[global.Id] = global;
            }

            var processes = new List<ProcessModel>();
            var count = 0;
            foreach (var element in root.Elements(_ns + "process"))
            {
                if (++count > CompilerLimits.MaxProcessesPerFile)
                {
                    Report(DiagnosticCatalog.TooManyProcesses, XmlSpans.Of(element), CompilerLimits.MaxProcessesPerFile.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                }

                if (ReadProcess(element) is { } process)
                {
                    processes.Add(process);
                }
            }

            return new BpmnDocument(Attr(root, "id"), XmlSpans.Of(root), processes.ToEquatableArray(), globals.ToEquatableArray());
        }

        private void ReadParticipants(XElement collaboration)
        {
            foreach (var participant in collaboration.Elements(_ns + "participant"))
            {
                if (Attr(participant, "processRef") is { } processRef && Attr(participant, "name") is { } name)
                {
                    _participantNames[processRef] = name;
                }
            }
        }

        private ProcessModel? ReadProcess(XElement element)
        {
            var id = Attr(element, "id");
            if (id is null)
            {
                Report(DiagnosticCatalog.MissingAttribute, XmlSpans.Of(element), element.Name.LocalName, "id");
                return null;
            }

            // Camunda 7 treats a process without the attribute as executable; so do we.
            var executable = Attr(element, "isExecutable") is not { } flag || flag.Trim() is "true" or "1";
            var name = Attr(element, "name") ?? (_participantNames.TryGetValue(id, out var poolName) ? poolName : null);

            var scope = new ScopeContent();
            ReadScope(element, id, scope, depth: 0);
            if (scope.IsOverLimit)
            {
                var (count, what) = scope.Nodes.Count > CompilerLimits.MaxNodesPerProcess
                    ? (CompilerLimits.MaxNodesPerProcess, "flow nodes")
                    : (CompilerLimits.MaxFlowsPerProcess, "sequence flows");
                Report(DiagnosticCatalog.ProcessTooLarge, XmlSpans.Of(element), id, count.ToString(System.Globalization.CultureInfo.InvariantCulture), what);
            }

            foreach (var io in element.Elements(_ns + "ioSpecification"))
            {
                ReadIoSpecification(io, id, scope);
            }

            return new ProcessModel(id, name, executable, XmlSpans.Of(element), Compensations.Resolve(scope.Nodes, scope.Associations).ToEquatableArray(), scope.Flows.ToEquatableArray(), scope.Data.ToEquatableArray())
            {
                Associations = scope.Associations.ToEquatableArray(),
                Variables = FlowExtensions.Declarations(element, _ns, "variable").Concat(TypedData(scope.Data)).ToEquatableArray(),
                DataType = FlowExtensions.Attribute(element, "dataType"),
            };
        }

        /// <summary>Properties and data objects (of any scope) whose item definition names a type; the data is process-wide.</summary>
        private IEnumerable<VariableDeclaration> TypedData(List<DataElement> data)
        {
            foreach (var element in data)
            {
                if (element.Kind is DataElementKind.Property or DataElementKind.DataObject
                    && element.ItemSubjectRef is { } item && _globals.TryGetValue(item.Substring(item.IndexOf(':') + 1), out var definition) && definition.Detail is { } structure)
                {
                    var type = ItemTypes.ToCSharp(structure);

                    // Modellers name data objects in prose ("Vacation request"); the member is that
                    // name as an identifier (Vacation_request). flow:variable names are taken as written.
                    var name = CSharpNames.Member(element.Name ?? element.Id);
                    name = name.StartsWith("@", StringComparison.Ordinal) ? name.Substring(1) + "_" : name;
                    yield return new VariableDeclaration(name, element.IsCollection ? $"global::System.Collections.Generic.List<{type}>" : type, element.Span);
                }
            }
        }

        /// <summary>Reads a scope's content; <paramref name="depth"/> counts the sub-processes around it (bounded, so is the recursion).</summary>
        private void ReadScope(XElement container, string scopeId, ScopeContent scope, int depth)
        {
            foreach (var child in container.Elements())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (scope.IsOverLimit)
                {
                    return;   // refused (FLOW1040): reading the rest would only cost time
                }

                if (!IsBpmn(child))
                {
                    continue;
                }

                var local = child.Name.LocalName;
                if (BpmnElementNames.FlowNodes.TryGetValue(local, out var kind))
                {
                    ReadNode(child, kind, scopeId, scope, depth);
                }
                else if (local == "sequenceFlow")
                {
                    ReadFlow(child, scopeId, scope);
                }
                else if (local == "association")
                {
                    if (Attr(child, "sourceRef") is { } source && Attr(child, "targetRef") is { } target)
                    {
                        scope.Associations.Add(new Association(Attr(child, "id"), source, target, XmlSpans.Of(child)));
                    }
                }
                else if (BpmnElementNames.DataElements.TryGetValue(local, out var dataKind))
                {
                    ReadData(child, dataKind, scopeId, scope);
                }
                else if (!BpmnElementNames.IgnoredInScope.Contains(local))
                {
                    Report(DiagnosticCatalog.UnrecognisedElement, XmlSpans.Of(child), local);
                }
            }
        }

        private void ReadNode(XElement element, FlowNodeKind kind, string scopeId, ScopeContent scope, int depth)
        {
            var id = Attr(element, "id");
            if (id is null)
            {
                Report(DiagnosticCatalog.MissingAttribute, XmlSpans.Of(element), element.Name.LocalName, "id");
                return;
            }

            var node = new FlowNode(id, Attr(element, "name"), kind, scopeId, XmlSpans.Of(element))
            {
                EventDefinitions = ReadEventDefinitions(element).ToEquatableArray(),
                IsEventSubProcess = kind == FlowNodeKind.SubProcess && Attr(element, "triggeredByEvent") is "true" or "1",
                AttachedToRef = Attr(element, "attachedToRef"),
                AttachedToRefSpan = XmlSpans.OfAttributeOr(element, "attachedToRef"),
                CancelActivity = Attr(element, "cancelActivity") is not ("false" or "0") && Attr(element, "isInterrupting") is not ("false" or "0"),
                IsForCompensation = Attr(element, "isForCompensation") is "true" or "1",
                DefaultFlowId = Attr(element, "default"),
                DefaultFlowSpan = XmlSpans.OfAttributeOr(element, "default"),
                CalledElement = Attr(element, "calledElement"),
                Script = ReadScript(element),
                Handler = FlowExtensions.Attribute(element, "handler"),
                Outputs = FlowExtensions.Declarations(element, _ns, "output").Concat(PayloadOf(element)).ToEquatableArray(),
                ErrorCode = ErrorCodeOf(element),
                CorrelationKey = CorrelationKeyOf(element),
            };
            node = WithEventReference(element, node);
            node = node with { HandlerBinding = HandlerBindings.Read(element), Async = AsyncContinuations.Read(element, _ns) };
            node = ReadLoop(element, node);
            if (kind == FlowNodeKind.ScriptTask)
            {
                var (resource, resourceSpan) = ScriptResources.Of(element);
                node = node with { ScriptFormat = Attr(element, "scriptFormat"), ScriptResource = resource, ScriptResourceSpan = resourceSpan };
            }
            else if (kind == FlowNodeKind.CallActivity)
            {
                node = node with { Call = CallActivities.Of(element, _ns) };
            }

            if (CallActivities.InputOutput(element, _ns) is { } inputOutput)
            {
                node = node with { InputOutputSpan = XmlSpans.Of(inputOutput), InputOutput = InputOutputReader.Read(inputOutput, e => ExpressionOf(e, null, "an input/output parameter")) };
            }

            scope.Nodes.Add(node);

            if (kind.IsContainer())
            {
                if (depth + 1 > CompilerLimits.MaxScopeDepth)
                {
                    var invariant = System.Globalization.CultureInfo.InvariantCulture;
                    Report(DiagnosticCatalog.ScopeTooDeep, XmlSpans.Of(element), id, (depth + 1).ToString(invariant), CompilerLimits.MaxScopeDepth.ToString(invariant));
                    return;
                }

                ReadScope(element, id, scope, depth + 1);
            }
        }

        private FlowNode ReadLoop(XElement element, FlowNode node)
        {
            foreach (var child in element.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "standardLoopCharacteristics":
                        return node with { Loop = LoopKind.Standard, LoopSpan = XmlSpans.Of(child), LoopDetails = LoopReader.Read(child, _ns, ExpressionOfLoop, AttributeValue, node.Id) };
                    case "multiInstanceLoopCharacteristics":
                        var sequential = Attr(child, "isSequential") is "true" or "1";
                        return node with
                        {
                            Loop = sequential ? LoopKind.SequentialMultiInstance : LoopKind.ParallelMultiInstance,
                            LoopSpan = XmlSpans.Of(child),
                            LoopDetails = LoopReader.Read(child, _ns, ExpressionOfLoop, AttributeValue, node.Id),
                        };
                }
            }

            return node;
        }

        /// <summary>The referenced message, signal, error or escalation, resolved to the name the runtime matches; an unknown reference is kept for FLOW1102.</summary>
        private FlowNode WithEventReference(XElement element, FlowNode node)
        {
            var definition = element.Elements().FirstOrDefault(e => IsBpmn(e) && BpmnElementNames.EventDefinitions.ContainsKey(e.Name.LocalName));
            var (reference, attribute, kind) = node.Kind is FlowNodeKind.ReceiveTask or FlowNodeKind.SendTask
                ? (Attr(element, "messageRef"), element.Attribute("messageRef"), GlobalElementKind.Message)
                : definition?.Name.LocalName switch
                {
                    "messageEventDefinition" => (Attr(definition, "messageRef"), definition.Attribute("messageRef"), GlobalElementKind.Message),
                    "signalEventDefinition" => (Attr(definition, "signalRef"), definition.Attribute("signalRef"), GlobalElementKind.Signal),
                    "errorEventDefinition" => (Attr(definition, "errorRef"), definition.Attribute("errorRef"), GlobalElementKind.Error),
                    "escalationEventDefinition" => (Attr(definition, "escalationRef"), definition.Attribute("escalationRef"), GlobalElementKind.Escalation),
                    "linkEventDefinition" => (null, null, GlobalElementKind.EventDefinition),
                    _ => (null, null, GlobalElementKind.EventDefinition),
                };
            if (definition?.Name.LocalName == "linkEventDefinition")
            {
                return node with { EventName = Attr(definition, "name") };
            }

            if (reference is null)
            {
                // A message or signal event without a reference is matched by its own name (FLOW1104 warns).
                return definition?.Name.LocalName is "messageEventDefinition" or "signalEventDefinition"
                    ? node with { EventName = node.Name ?? node.Id }
                    : node;
            }

            if (!_globals.TryGetValue(reference, out var global) || global.Kind != kind)
            {
                return node with
                {
                    UnresolvedReference = kind.ToString().ToLowerInvariant() + " '" + reference + "'",
                    UnresolvedReferenceSpan = attribute is null ? XmlSpans.Of(element) : XmlSpans.Of(attribute),
                };
            }

            return node with
            {
                EventName = kind is GlobalElementKind.Escalation or GlobalElementKind.Error ? global.Detail ?? global.Name ?? global.Id : global.Name ?? global.Id,
            };
        }

        /// <summary>The payload of the message or signal a catch receives: the <c>flow:output</c> declarations of the referenced element.</summary>
        private IEnumerable<VariableDeclaration> PayloadOf(XElement node)
        {
            var reference = Attr(node, "messageRef")
                ?? node.Elements(_ns + "messageEventDefinition").Select(d => Attr(d, "messageRef")).FirstOrDefault(r => r is not null)
                ?? node.Elements(_ns + "signalEventDefinition").Select(d => Attr(d, "signalRef")).FirstOrDefault(r => r is not null);
            return reference is not null && _payloads.TryGetValue(reference, out var outputs) && node.Name.LocalName is not ("sendTask" or "intermediateThrowEvent" or "endEvent")
                ? outputs
                : Enumerable.Empty<VariableDeclaration>();
        }

        private Expression? CorrelationKeyOf(XElement element)
        {
            var attribute = element.Attribute(FlowExtensions.Namespace + "correlationKey");
            if (attribute is null || string.IsNullOrWhiteSpace(attribute.Value))
            {
                return null;
            }

            // The value starts after flow:correlationKey=" (the span of the attribute begins at its name).
            var whole = XmlSpans.Of(attribute);
            var span = whole.IsNone ? whole : SourceSpan.At(whole.StartLine, whole.EndColumn - attribute.Value.Length - 1, attribute.Value.Length);
            return new Expression(attribute.Value, "csharp", span, attribute.Value);
        }

        private Expression? ReadScript(XElement element)
        {
            var script = element.Element(_ns + "script");
            return script is null ? null : ExpressionOf(script, Attr(element, "scriptFormat"), "script of '" + Attr(element, "id") + "'");
        }

        private IEnumerable<EventDefinition> ReadEventDefinitions(XElement element)
        {
            foreach (var child in element.Elements())
            {
                if (!IsBpmn(child))
                {
                    continue;
                }

                if (BpmnElementNames.EventDefinitions.TryGetValue(child.Name.LocalName, out var kind))
                {
                    yield return new EventDefinition(kind, XmlSpans.Of(child), Attr(child, "name"), ReferenceOf(child))
                    {
                        TimerValues = kind == EventDefinitionKind.Timer ? ReadTimerValues(child, Attr(element, "id")).ToEquatableArray() : default,
                        Condition = kind == EventDefinitionKind.Conditional && child.Element(_ns + "condition") is { } condition
                            ? ExpressionOf(condition, Attr(condition, "language"), "condition of '" + Attr(element, "id") + "'")
                            : null,
                        DoesNotWaitForCompletion = kind == EventDefinitionKind.Compensate && Attr(child, "waitForCompletion")?.Trim() == "false",
                    };
                }
                else if (child.Name.LocalName == "eventDefinitionRef" && _globalEventDefinitions.TryGetValue(child.Value.Trim(), out var referenced))
                {
                    yield return new EventDefinition(referenced, XmlSpans.Of(child), Reference: child.Value.Trim());
                }
            }
        }

        /// <summary>The timeDuration, timeDate and timeCycle children of a timerEventDefinition, as expressions (literal or ${...}).</summary>
        private IEnumerable<TimerValueText> ReadTimerValues(XElement definition, string? eventId)
        {
            foreach (var child in definition.Elements())
            {
                var kind = !IsBpmn(child) ? (TimerDefinitionKind?)null : child.Name.LocalName switch
                {
                    "timeDuration" => TimerDefinitionKind.Duration,
                    "timeDate" => TimerDefinitionKind.Date,
                    "timeCycle" => TimerDefinitionKind.Cycle,
                    _ => null,
                };
                if (kind is { } k)
                {
                    yield return new TimerValueText(k, ExpressionOf(child, Attr(child, "language"), child.Name.LocalName + " of '" + eventId + "'"), XmlSpans.Of(child));
                }
            }
        }

        private string? ErrorCodeOf(XElement node)
        {
            var errorRef = node.Elements(_ns + "errorEventDefinition").Select(e => Attr(e, "errorRef")).FirstOrDefault(r => r is not null);
            return errorRef is null ? null
                : _globals.TryGetValue(errorRef, out var error) ? error.Detail ?? error.Name ?? error.Id
                : errorRef;
        }

        private Expression ExpressionOfLoop(XElement element, string what) => ExpressionOf(element, Attr(element, "language"), what);

        /// <summary>An attribute's value as written (between its quotes), decoded with every character at its column; null without line information.</summary>
        private (SourceSpan Span, string Aligned)? AttributeValue(XAttribute attribute)
        {
            var info = (System.Xml.IXmlLineInfo)attribute;
            if (!info.HasLineInfo())
            {
                return null;
            }

            var text = _lines.Text;
            var equals = text.IndexOf('=', _lines.Offset(info.LineNumber, info.LinePosition));
            var open = equals < 0 ? -1 : text.IndexOfAny(new[] { '"', '\'' }, equals);
            var close = open < 0 ? -1 : text.IndexOf(text[open], open + 1);
            return close < 0 ? null : (_lines.Span(open + 1, close), AlignedText.Decode(text.Substring(open + 1, close - open - 1)));
        }

        private Expression ExpressionOf(XElement element, string? language, string what)
        {
            var aligned = ExpressionText.Read(element, _lines, out var nested);
            if (nested is not null)
            {
                Report(DiagnosticCatalog.MarkupInExpression, XmlSpans.Of(nested), what, nested.Name.LocalName);
            }

            if (element.Value.Length > CompilerLimits.MaxExpressionLength)
            {
                Report(DiagnosticCatalog.ExpressionTooLong, XmlSpans.Of(element), what, TextLengths.Number(element.Value.Length), TextLengths.Number(CompilerLimits.MaxExpressionLength));
            }

            return aligned is { } text
                ? new Expression(element.Value, language, text.Span, text.Aligned)
                : new Expression(element.Value, language, XmlSpans.Of(element), element.Value);
        }

        private static string? ReferenceOf(XElement definition) =>
            Attr(definition, "messageRef") ?? Attr(definition, "signalRef") ?? Attr(definition, "errorRef")
            ?? Attr(definition, "escalationRef") ?? Attr(definition, "activityRef");

        private void ReadFlow(XElement element, string scopeId, ScopeContent scope)
        {
            var source = Attr(element, "sourceRef");
            var target = Attr(element, "targetRef");
            var missing = source is null ? "sourceRef" : target is null ? "targetRef" : null;
            if (missing is not null)
            {
                Report(DiagnosticCatalog.MissingAttribute, XmlSpans.Of(element), "sequenceFlow", missing);
                return;
            }

            // The schema makes a sequence flow's id optional; one without gets a generated id.
            var id = Attr(element, "id") ?? _generatedFlowIds.Next(element.Document!.Root!, source!, target!);

            var conditionElement = element.Element(_ns + "conditionExpression");
            var condition = conditionElement is null
                ? null
                : ExpressionOf(conditionElement, Attr(conditionElement, "language"), "condition of sequence flow '" + id + "'");

            scope.Flows.Add(new SequenceFlow(id!, Attr(element, "name"), source!, target!, scopeId, XmlSpans.Of(element))
            {
                SourceRefSpan = XmlSpans.OfAttributeOr(element, "sourceRef"),
                TargetRefSpan = XmlSpans.OfAttributeOr(element, "targetRef"),
                Condition = condition,
            });
        }

        private void ReadData(XElement element, DataElementKind kind, string scopeId, ScopeContent scope)
        {
            var id = Attr(element, "id");
            if (id is null)
            {
                Report(DiagnosticCatalog.MissingAttribute, XmlSpans.Of(element), element.Name.LocalName, "id");
                return;
            }

            scope.Data.Add(new DataElement(id, Attr(element, "name"), kind, scopeId, XmlSpans.Of(element))
            {
                ItemSubjectRef = Attr(element, "itemSubjectRef"),
                IsCollection = Attr(element, "isCollection") is "true" or "1",
            });
        }

        private void ReadIoSpecification(XElement io, string scopeId, ScopeContent scope)
        {
            foreach (var child in io.Elements())
            {
                var kind = child.Name.LocalName switch
                {
                    "dataInput" => DataElementKind.DataInput,
                    "dataOutput" => DataElementKind.DataOutput,
                    _ => (DataElementKind?)null,
                };
                if (kind is { } dataKind)
                {
                    ReadData(child, dataKind, scopeId, scope);
                }
            }
        }

        /// <summary>Ids are unique per file (XML ID semantics); report each repeat, naming the first.</summary>
        private void ReportDuplicateIds(XElement root)
        {
            var first = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            foreach (var element in root.DescendantsAndSelf())
            {
                if (!IsBpmn(element) || element.Attribute("id") is not { } attribute)
                {
                    continue;
                }

                var span = XmlSpans.Of(attribute);
                if (first.TryGetValue(attribute.Value, out var original))
                {
                    var line = original.StartLine.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var column = original.StartColumn.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Diagnostics.Add(FlowDiagnostic.Create(DiagnosticCatalog.DuplicateId, span, attribute.Value, line, column).WithRelated("", original));
                }
                else
                {
                    first.Add(attribute.Value, span);
                }
            }
        }

        private static string? GlobalDetail(XElement element, GlobalElementKind kind) => kind switch
        {
            GlobalElementKind.ItemDefinition => ItemTypes.Qualify(element, Attr(element, "structureRef")),
            GlobalElementKind.Error => Attr(element, "errorCode"),
            GlobalElementKind.Escalation => Attr(element, "escalationCode"),
            GlobalElementKind.Message => Attr(element, "itemRef"),
            _ => null,
        };

        private bool IsBpmn(XElement element) => element.Name.Namespace == _ns;

        private void Report(FlowDiagnosticDescriptor descriptor, SourceSpan span, params string[] arguments) =>
            Diagnostics.Add(FlowDiagnostic.Create(descriptor, span, arguments));

        private static string? Attr(XElement element, string name)
        {
            var value = element.Attribute(name)?.Value;
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }
    }

    private sealed class ScopeContent
    {
        public List<FlowNode> Nodes { get; } = new();

        public List<SequenceFlow> Flows { get; } = new();

        /// <summary>More nodes or flows than <see cref="CompilerLimits"/> allow: reading stops.</summary>
        public bool IsOverLimit => Nodes.Count > CompilerLimits.MaxNodesPerProcess || Flows.Count > CompilerLimits.MaxFlowsPerProcess;

        public List<DataElement> Data { get; } = new();

        public List<Association> Associations { get; } = new();
    }
}

/// <summary>The model of a file (null when it could not be read) and what reading found.</summary>
public sealed record ReadResult(BpmnDocument? Document, EquatableArray<FlowDiagnostic> Diagnostics)
{
    /// <summary>SHA-256 of the file without its diagram interchange (layout); null when it could not be read.</summary>
    public string? LayoutFreeHash { get; init; }
}
