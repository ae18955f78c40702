using System.Net.Http.Headers;

namespace AnimeGan.Web.Tests
{
    /// <summary>Multipart forms as a browser or an integrator sends them.</summary>
    internal static class Uploads
    {
        public static MultipartFormDataContent Form(byte[] image, string fileName, params (string Name, string Value)[] fields)
            => Form(new ByteArrayContent(image), fileName, fields);

        public static MultipartFormDataContent Form(HttpContent file, string fileName, params (string Name, string Value)[] fields)
        {
            var form = new MultipartFormDataContent();
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "image", fileName);
            foreach (var (name, value) in fields)
                form.Add(new StringContent(value), name);
            return form;
        }

        /// <summary>A shared photo scaled down, as JPEG bytes.</summary>
        public static byte[] Photo(string source, int longSide)
        {
            using var folder = new TemporaryDirectory();
            return File.ReadAllBytes(TestImages.WritePhoto(source, folder.File("p.jpg"), longSide));
        }
        }

    /// <summary>A file whose upload sends its first half, then waits until the test releases it: a slow client at a known point.</summary>
    internal sealed class StalledUpload : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly TaskCompletionSource _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public StalledUpload(byte[] bytes) => _bytes = bytes;

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(_bytes.AsMemory(0, _bytes.Length / 2));
            await stream.FlushAsync();
            await _released.Task;
            await stream.WriteAsync(_bytes.AsMemory(_bytes.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
