using System.Collections;

namespace PaintDotNet.PropertySystem
{
    public abstract class Property
    {
        private object _value;

        internal Property(object name, Type valueType, object defaultValue, bool readOnly)
        {
            Name = name.ToString()!;
            ValueType = valueType;
            DefaultValue = defaultValue;
            _value = defaultValue;
            ReadOnly = readOnly;
        }

        public string Name { get; }

        public Type ValueType { get; }

        public object DefaultValue { get; }

        public bool ReadOnly { get; set; }

        public object Value
        {
            get => _value;
            set
            {
                if (ReadOnly)
                    throw new InvalidOperationException($"Property '{Name}' is read-only.");
                _value = OnClampNewValue(value);
            }
        }

        public abstract Property Clone();

        protected virtual object OnClampNewValue(object newValue) => newValue;
    }

    public abstract class Property<T> : Property
        where T : notnull
    {
        internal Property(object name, T defaultValue, bool readOnly)
            : base(name, typeof(T), defaultValue, readOnly)
        {
        }

        public new T DefaultValue => (T)base.DefaultValue;

        public new T Value
        {
            get => (T)base.Value;
            set => base.Value = value;
        }

        protected override object OnClampNewValue(object newValue) => OnClampNewValueT((T)newValue);

        protected virtual T OnClampNewValueT(T newValue) => newValue;
    }

    public abstract class ScalarProperty<T> : Property<T>
        where T : struct, IComparable<T>
    {
        internal ScalarProperty(object name, T defaultValue, T minValue, T maxValue, bool readOnly)
            : base(name, defaultValue, readOnly)
        {
            MinValue = minValue;
            MaxValue = maxValue;
        }

        public T MinValue { get; }

        public T MaxValue { get; }

        protected override T OnClampNewValueT(T newValue)
            => newValue.CompareTo(MinValue) < 0 ? MinValue : newValue.CompareTo(MaxValue) > 0 ? MaxValue : newValue;
    }

    public sealed class Int32Property : ScalarProperty<int>
    {
        public Int32Property(object name, int defaultValue, int minValue, int maxValue)
            : base(name, defaultValue, minValue, maxValue, false)
        {
        }

        public override Property Clone() => new Int32Property(Name, DefaultValue, MinValue, MaxValue) { Value = Value };
    }

    public sealed class DoubleProperty : ScalarProperty<double>
    {
        public DoubleProperty(object name, double defaultValue, double minValue, double maxValue)
            : base(name, defaultValue, minValue, maxValue, false)
        {
        }

        public override Property Clone() => new DoubleProperty(Name, DefaultValue, MinValue, MaxValue) { Value = Value };
    }

    public sealed class BooleanProperty : Property<bool>
    {
        public BooleanProperty(object name, bool defaultValue)
            : base(name, defaultValue, false)
        {
        }

        public override Property Clone() => new BooleanProperty(Name, DefaultValue) { Value = Value };
    }

    public sealed class StaticListChoiceProperty : Property<object>
    {
        public StaticListChoiceProperty(object name, object[] valueChoices, int defaultChoiceIndex)
            : base(name, valueChoices[defaultChoiceIndex], false)
        {
            ValueChoices = valueChoices;
        }

        public object[] ValueChoices { get; }

        public static StaticListChoiceProperty CreateForEnum<TEnum>(object name, TEnum defaultValue, bool readOnly)
            where TEnum : struct, Enum
        {
            var choices = Enum.GetValues(typeof(TEnum)).Cast<object>().ToArray();
            return new StaticListChoiceProperty(name, choices, Array.IndexOf(choices, defaultValue)) { ReadOnly = readOnly };
        }

        public override Property Clone() => new StaticListChoiceProperty(Name, ValueChoices, Array.IndexOf(ValueChoices, DefaultValue)) { Value = Value };

        protected override object OnClampNewValueT(object newValue)
            => ValueChoices.Contains(newValue) ? newValue : throw new ArgumentOutOfRangeException(nameof(newValue), $"'{newValue}' is not a choice of '{Name}'.");
    }

    public sealed class PropertyCollection : IEnumerable<Property>
    {
        private readonly List<Property> _properties;

        public PropertyCollection(IEnumerable<Property> props) => _properties = props.ToList();

        public int Count => _properties.Count;

        public IEnumerable<Property> Properties => _properties;

        public IEnumerable<string> PropertyNames => _properties.Select(p => p.Name);

        public Property this[object propertyName] => _properties.Single(p => p.Name == propertyName.ToString());

        public PropertyCollection Clone() => new PropertyCollection(_properties.Select(p => p.Clone()));

        public IEnumerator<Property> GetEnumerator() => _properties.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
