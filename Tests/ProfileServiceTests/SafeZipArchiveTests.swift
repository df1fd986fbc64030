import Foundation
import Testing
import ZIPFoundation

@testable import ProfileService

@Suite struct SafeZipArchiveTests {
    static func zip(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        for (path, bytes) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate,
                provider: { position, size in Data(bytes[Int(position)..<Int(position) + size]) })
        }
        return Array(archive.data ?? Data())
    }

    @Test func readsEntriesAndRefusesGarbage() throws {
        var archive = try SafeZipArchive(bytes: try Self.zip([("a/Profile.csv", Array("x,y\n1,2\n".utf8))]))
        #expect(archive.paths == ["a/Profile.csv"])
        #expect(try archive.contents(of: "a/Profile.csv") == Array("x,y\n1,2\n".utf8))
        #expect(try archive.contents(of: "missing") == nil)
        #expect(throws: SafeZipArchive.Failure.notAZipArchive) { try SafeZipArchive(bytes: Array("not a zip".utf8)) }
    }

    @Test func stopsAZipBombWhileInflating() throws {
        let bomb = try Self.zip([("bomb.xml", [UInt8](repeating: 0x41, count: 20 * 1_048_576))])
        #expect(bomb.count < 100_000)
        var archive = try SafeZipArchive(bytes: bomb)
        #expect(throws: SafeZipArchive.Failure.suspiciousCompression("bomb.xml")) {
            try archive.contents(of: "bomb.xml")
        }
    }

    @Test func capsTheEntryCount() throws {
        let many = try Self.zip((0..<30).map { ("f\($0).txt", [0x41]) })
        var limits = SafeZipArchive.Limits()
        limits.maximumEntries = 20
        #expect(throws: SafeZipArchive.Failure.tooManyEntries(21)) { try SafeZipArchive(bytes: many, limits: limits) }
    }
}
