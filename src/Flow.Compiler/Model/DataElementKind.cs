namespace Flow.Compiler.Model;

public enum DataElementKind
{
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Property,
    DataInput,
    DataOutput,
}
