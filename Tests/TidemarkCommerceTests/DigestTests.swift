import Testing
import TidemarkCommerce

@Suite struct DigestTests {
    static func sha256(pieces: [String]) -> String {
        let digest = Digest.SHA256()
        for piece in pieces {
            Array(piece.utf8).withUnsafeBytes { digest.update($0) }
        }
        return digest.finalizeHex()
    }

    // FIPS 180-2 examples.
    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    static let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let twoBlocks = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    static let twoBlockMessage = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"

    @Test func hashesKnownVectors() {
        #expect(Self.sha256(pieces: ["abc"]) == Self.abc)
        #expect(Self.sha256(pieces: [Self.twoBlockMessage]) == Self.twoBlocks)
    }

    @Test func hashesTheEmptyInputHoweverItIsFed() {
        #expect(Self.sha256(pieces: []) == Self.empty)
        #expect(Self.sha256(pieces: [""]) == Self.empty)
        #expect(Self.sha256(pieces: ["", "", ""]) == Self.empty)
    }

    @Test func givesTheSameDigestWhateverThePieces() {
        #expect(Self.sha256(pieces: ["a", "b", "c"]) == Self.abc)
        #expect(Self.sha256(pieces: ["ab", "", "c"]) == Self.abc)
        let message = Self.twoBlockMessage
        for cut in 0...message.count {
            let i = message.index(message.startIndex, offsetBy: cut)
            #expect(Self.sha256(pieces: [String(message[..<i]), String(message[i...])]) == Self.twoBlocks)
        }
    }

    @Test func computesHMACSHA256PerRFC4231() {
        // Test case 2.
        #expect(Digest.hmacSHA256Hex(key: Array("Jefe".utf8), message: "what do ya want for nothing?")
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Test case 1: key = 20 bytes of 0x0b, data = "Hi There".
        #expect(Digest.hmacSHA256Hex(key: Array(repeating: 0x0b, count: 20), message: "Hi There")
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func differentKeysGiveDifferentCustomerKeys() {
        let email = "buyer@example.com"
        #expect(Digest.hmacSHA256Hex(key: Array("key-a".utf8), message: email)
            != Digest.hmacSHA256Hex(key: Array("key-b".utf8), message: email))
    }

    @Test func writesLowerCaseHex() {
        #expect(Digest.hex([0x00, 0xff, 0x10, 0xab]) == "00ff10ab")
        #expect(Digest.hex([]) == "")
    }
}
