import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkNormalize

@Suite("CustomerKeyer")
struct CustomerKeyerTests {
    static let keyer = CustomerKeyer(secret: Array("test-secret".utf8))

    @Test(arguments: ["alice@example.com", "Alice@Example.COM", "  alice@example.com\n", "\tALICE@EXAMPLE.COM "])
    func givesTheSameKeyWhateverTheCaseAndSurroundingSpace(_ email: String) {
        #expect(Self.keyer.key(email: email) == Self.keyer.key(email: "alice@example.com"))
    }

    @Test func trimsUnicodeWhiteSpaceAndNewlinesButNothingInside() {
        // Visible ASCII at both ends: returned as it is (inner spaces kept).
        #expect(CustomerKeyer.trimmingWhitespace("alice@example.com") == "alice@example.com")
        #expect(CustomerKeyer.trimmingWhitespace("a b@x.y") == "a b@x.y")
        // Anything else goes through Foundation's .whitespacesAndNewlines: em space, ideographic space, NEL, CRLF.
        #expect(CustomerKeyer.trimmingWhitespace("\u{2003}alice@example.com\u{3000}") == "alice@example.com")
        #expect(CustomerKeyer.trimmingWhitespace("\u{85}alice@example.com\r\n") == "alice@example.com")
        #expect(CustomerKeyer.trimmingWhitespace("élise@example.fr") == "élise@example.fr")
        #expect(CustomerKeyer.trimmingWhitespace(" \t") == "")
        #expect(CustomerKeyer.trimmingWhitespace("") == "")
        #expect(Self.keyer.key(email: "\u{2003}Alice@Example.com\u{3000}") == Self.keyer.key(email: "alice@example.com"))
    }

    @Test func givesDifferentEmailsDifferentKeys() {
        #expect(Self.keyer.key(email: "alice@example.com") != Self.keyer.key(email: "alicia@example.com"))
        #expect(Self.keyer.key(email: "alice@example.com") != Self.keyer.key(email: "alice@example.org"))
    }

    @Test func isAKeyedHashOfTheNormalizedEmail() {
        // independent: printf '%s' 'email:alice@example.com' | openssl dgst -sha256 -hmac 'test-secret'
        #expect(Self.keyer.key(email: " Alice@Example.com ") == "a3f3852c61df44379df7294634c17ca5f0176ea107be1962b100da0a45c5cc4e")
        // independent: printf '%s' 'buyer:ebay:alice99' | openssl dgst -sha256 -hmac 'test-secret'
        #expect(Self.keyer.key(platform: .ebay, buyerID: "alice99") == "4ade20cc5a669ff87441b169ecbe428c16a868ff525b621ba43ef8525d9d02b2")
    }

    @Test func keyIs64HexCharactersAndDoesNotContainTheEmail() throws {
        let key = try #require(Self.keyer.key(email: "alice@example.com"))
        #expect(key.count == 64)
        #expect(key.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(!key.contains("alice"))
        #expect(!key.contains("example"))
    }

    @Test func dependsOnTheSecret() {
        let other = CustomerKeyer(secret: Array("another-secret".utf8))
        #expect(other.key(email: "alice@example.com") != Self.keyer.key(email: "alice@example.com"))
    }

    @Test func givesTheSameBuyerIDOnTwoPlatformsDifferentKeys() {
        let ebay = Self.keyer.key(platform: .ebay, buyerID: "alice99")
        let shopify = Self.keyer.key(platform: .shopify, buyerID: "alice99")
        #expect(ebay != nil)
        #expect(ebay != shopify)
        #expect(Self.keyer.key(platform: .ebay, buyerID: " alice99 ") == ebay)
        #expect(ebay?.count == 64)
    }

    @Test func keepsEmailAndBuyerIDKeysApart() {
        // a buyer id that looks like an email is not the email's key
        #expect(Self.keyer.key(platform: .shopify, buyerID: "alice@example.com") != Self.keyer.key(email: "alice@example.com"))
    }

    @Test(arguments: ["", "   ", "\n"])
    func hasNoKeyForAnEmptyIdentity(_ blank: String) {
        #expect(Self.keyer.key(email: blank) == nil)
        #expect(Self.keyer.key(platform: .ebay, buyerID: blank) == nil)
    }

    // MARK: the secret

    @Test func createsTheSecretFileWithOwnerOnlyPermissions() throws {
        let file = TestPaths.temporaryDirectory().appendingPathComponent("customer.key").path
        let secret = try CustomerKeyer.loadOrCreateSecret(environmentValue: nil, keyFile: file)
        #expect(secret.count >= 32)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        let permissions = try #require(attributes[.posixPermissions] as? NSNumber)
        #expect(permissions.intValue & 0o777 == 0o600)
    }

    @Test func returnsTheSameSecretTheSecondTime() throws {
        let file = TestPaths.temporaryDirectory().appendingPathComponent("customer.key").path
        let first = try CustomerKeyer.loadOrCreateSecret(environmentValue: nil, keyFile: file)
        let second = try CustomerKeyer.loadOrCreateSecret(environmentValue: nil, keyFile: file)
        #expect(first == second)
        // keys made with either are the same
        #expect(CustomerKeyer(secret: first).key(email: "a@b.c") == CustomerKeyer(secret: second).key(email: "a@b.c"))
    }

    @Test func generatesADifferentSecretForEachNewFile() throws {
        let a = try CustomerKeyer.loadOrCreateSecret(environmentValue: nil, keyFile: TestPaths.temporaryDirectory().appendingPathComponent("k").path)
        let b = try CustomerKeyer.loadOrCreateSecret(environmentValue: nil, keyFile: TestPaths.temporaryDirectory().appendingPathComponent("k").path)
        #expect(a != b)
    }

    @Test func letsAnEnvironmentValueWin() throws {
        let dir = TestPaths.temporaryDirectory()
        let file = dir.appendingPathComponent("customer.key").path
        let stored = try CustomerKeyer.loadOrCreateSecret(environmentValue: nil, keyFile: file)
        let fromEnvironment = try CustomerKeyer.loadOrCreateSecret(environmentValue: "from-the-environment", keyFile: file)
        #expect(fromEnvironment == Array("from-the-environment".utf8))
        #expect(fromEnvironment != stored)
        // with an environment value and no file, no file is created
        let untouched = dir.appendingPathComponent("never.key").path
        _ = try CustomerKeyer.loadOrCreateSecret(environmentValue: "from-the-environment", keyFile: untouched)
        #expect(!FileManager.default.fileExists(atPath: untouched))
    }

    @Test func treatsAnEmptyEnvironmentValueAsUnset() throws {
        let file = TestPaths.temporaryDirectory().appendingPathComponent("customer.key").path
        let secret = try CustomerKeyer.loadOrCreateSecret(environmentValue: "", keyFile: file)
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(try CustomerKeyer.loadOrCreateSecret(environmentValue: nil, keyFile: file) == secret)
    }

    @Test func givesTheSameKeysWhenTheStoredSecretIsMovedIntoTheEnvironment() throws {
        // the file holds the secret as text; putting that text into the environment must not change any key
        let file = TestPaths.temporaryDirectory().appendingPathComponent("customer.key").path
        let stored = try CustomerKeyer.loadOrCreateSecret(environmentValue: nil, keyFile: file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let fromEnvironment = try CustomerKeyer.loadOrCreateSecret(environmentValue: text, keyFile: "/nonexistent/customer.key")
        #expect(CustomerKeyer(secret: fromEnvironment).key(email: "a@b.c") == CustomerKeyer(secret: stored).key(email: "a@b.c"))
    }
}
