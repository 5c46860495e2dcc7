package bindings_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/contracts/bindings"
)

func TestAccessPass(t *testing.T) {
	owner, alice, bob := newAccount(t), newAccount(t), newAccount(t)
	c := newChain(t, owner, alice, bob)
	ap := bindings.NewAccessPass()
	pass := ap.Instance(c.client, c.deploy(owner, &bindings.AccessPassMetaData, ap.PackConstructor("Pass", "PASS", owner.addr)))

	// mint(to) numbers from 1 and skips ids taken by mintId.
	mint := func(to common.Address) int64 {
		r := c.transact(owner, pass, ap.PackMint(to))
		ev, err := ap.UnpackTransferEvent(r.Logs[0])
		if err != nil {
			t.Fatal(err)
		}
		if ev.From != (common.Address{}) || ev.To != to {
			t.Fatalf("Transfer %s → %s, want a mint to %s", ev.From, ev.To, to)
		}
		return ev.TokenId.Int64()
	}
	if id := mint(alice.addr); id != 1 {
		t.Errorf("first mint(to) gave id %d, want 1", id)
	}
	c.transact(owner, pass, ap.PackMintId(bob.addr, big.NewInt(2)))
	if id := mint(alice.addr); id != 3 {
		t.Errorf("mint(to) after mintId(2) gave id %d, want 3", id)
	}
	wantInt(t, "balanceOf(alice)", call(t, pass, ap.PackBalanceOf(alice.addr), ap.UnpackBalanceOf), 2)
	if got := call(t, pass, ap.PackOwnerOf(big.NewInt(2)), ap.UnpackOwnerOf); got != bob.addr {
		t.Errorf("ownerOf(2) = %s, want bob %s", got, bob.addr)
	}

	// Only the owner mints.
	e := revertAs[*bindings.AccessPassOwnableUnauthorizedAccount](t, ap.UnpackError, c.reverts(alice, pass, ap.PackMint(alice.addr)))
	if e.Account != alice.addr {
		t.Errorf("mint by alice: OwnableUnauthorizedAccount(%s), want alice", e.Account)
	}

	// Holders transfer and burn; nobody else burns.
	c.transact(alice, pass, ap.PackTransferFrom(alice.addr, bob.addr, big.NewInt(1)))
	if got := call(t, pass, ap.PackOwnerOf(big.NewInt(1)), ap.UnpackOwnerOf); got != bob.addr {
		t.Errorf("ownerOf(1) after transfer = %s, want bob", got)
	}
	revertAs[*bindings.AccessPassERC721InsufficientApproval](t, ap.UnpackError, c.reverts(alice, pass, ap.PackBurn(big.NewInt(1))))
	c.transact(bob, pass, ap.PackBurn(big.NewInt(1)))
	wantInt(t, "balanceOf(bob) after burn", call(t, pass, ap.PackBalanceOf(bob.addr), ap.UnpackBalanceOf), 1)
	wantInt(t, "balanceOf(alice)", call(t, pass, ap.PackBalanceOf(alice.addr), ap.UnpackBalanceOf), 1)
	gone := revertAs[*bindings.AccessPassERC721NonexistentToken](t, ap.UnpackError, callReverts(t, pass, ap.PackOwnerOf(big.NewInt(1))))
	wantInt(t, "ownerOf(burned 1) reverted with ERC721NonexistentToken", gone.TokenId, 1)

	c.transact(owner, pass, ap.PackSetBaseURI("https://example.test/pass/"))
	if got := call(t, pass, ap.PackTokenURI(big.NewInt(3)), ap.UnpackTokenURI); got != "https://example.test/pass/3" {
		t.Errorf("tokenURI(3) = %q", got)
	}
}

func TestMultiPass(t *testing.T) {
	owner, alice, bob := newAccount(t), newAccount(t), newAccount(t)
	c := newChain(t, owner, alice, bob)
	mp := bindings.NewMultiPass()
	pass := mp.Instance(c.client, c.deploy(owner, &bindings.MultiPassMetaData, mp.PackConstructor("https://example.test/{id}.json", owner.addr)))

	c.transact(owner, pass, mp.PackMint(alice.addr, big.NewInt(1), big.NewInt(3)))
	c.transact(owner, pass, mp.PackMintBatch(bob.addr, ids(1, 2), ids(1, 5)))
	revertAs[*bindings.MultiPassOwnableUnauthorizedAccount](t, mp.UnpackError, c.reverts(bob, pass, mp.PackMint(bob.addr, big.NewInt(1), big.NewInt(1))))

	c.transact(alice, pass, mp.PackSafeTransferFrom(alice.addr, bob.addr, big.NewInt(1), big.NewInt(2), nil))
	c.transact(bob, pass, mp.PackBurn(bob.addr, big.NewInt(2), big.NewInt(4)))
	revertAs[*bindings.MultiPassERC1155MissingApprovalForAll](t, mp.UnpackError, c.reverts(alice, pass, mp.PackBurn(bob.addr, big.NewInt(1), big.NewInt(1))))

	got := call(t, pass, mp.PackBalanceOfBatch(
		[]common.Address{alice.addr, bob.addr, bob.addr, alice.addr}, ids(1, 1, 2, 2)), mp.UnpackBalanceOfBatch)
	for i, want := range []int64{1, 3, 1, 0} {
		wantInt(t, fmt.Sprintf("balanceOfBatch[%d]", i), got[i], want)
	}
	wantInt(t, "balanceOf(bob, 1)", call(t, pass, mp.PackBalanceOf(bob.addr, big.NewInt(1)), mp.UnpackBalanceOf), 3)
}

func TestTestToken(t *testing.T) {
	owner, alice, bob := newAccount(t), newAccount(t), newAccount(t)
	c := newChain(t, owner, alice, bob)
	tt := bindings.NewTestToken()
	token := tt.Instance(c.client, c.deploy(owner, &bindings.TestTokenMetaData, tt.PackConstructor("Test", "TST", owner.addr)))

	c.transact(owner, token, tt.PackMint(alice.addr, big.NewInt(100)))
	c.transact(alice, token, tt.PackTransfer(bob.addr, big.NewInt(40)))
	c.transact(bob, token, tt.PackBurn(big.NewInt(15)))
	e := revertAs[*bindings.TestTokenERC20InsufficientBalance](t, tt.UnpackError, c.reverts(bob, token, tt.PackTransfer(alice.addr, big.NewInt(26))))
	wantInt(t, "ERC20InsufficientBalance balance", e.Balance, 25)

	wantInt(t, "balanceOf(alice)", call(t, token, tt.PackBalanceOf(alice.addr), tt.UnpackBalanceOf), 60)
	wantInt(t, "balanceOf(bob)", call(t, token, tt.PackBalanceOf(bob.addr), tt.UnpackBalanceOf), 25)
	wantInt(t, "totalSupply", call(t, token, tt.PackTotalSupply(), tt.UnpackTotalSupply), 85)
	if d := call(t, token, tt.PackDecimals(), tt.UnpackDecimals); d != 18 {
		t.Errorf("decimals = %d, want 18", d)
	}
}

func TestBatchPass(t *testing.T) {
	owner, alice, bob, carol := newAccount(t), newAccount(t), newAccount(t), newAccount(t)
	c := newChain(t, owner, alice, bob, carol)
	bp := bindings.NewBatchPass()
	// The constructor mints ids 1..3 to alice and 4..8 to bob in two ERC-2309 batches.
	ctor := bp.PackConstructor("Batch", "BP", owner.addr, []common.Address{alice.addr, bob.addr}, ids(3, 5))
	addr, tx, err := bind.DeployContract(owner.opts, common.FromHex(bindings.BatchPassMetaData.Bin), c.client, ctor)
	if err != nil {
		t.Fatal(err)
	}
	r := c.mined(tx)
	var batches []string
	for _, l := range r.Logs {
		if ev, err := bp.UnpackConsecutiveTransferEvent(l); err == nil {
			batches = append(batches, fmt.Sprintf("%d-%d %s→%s", ev.FromTokenId, ev.ToTokenId, ev.FromAddress, ev.ToAddress))
		}
	}
	want := []string{
		fmt.Sprintf("1-3 %s→%s", common.Address{}, alice.addr),
		fmt.Sprintf("4-8 %s→%s", common.Address{}, bob.addr),
	}
	if fmt.Sprint(batches) != fmt.Sprint(want) {
		t.Errorf("ConsecutiveTransfer events %v, want %v", batches, want)
	}
	pass := bp.Instance(c.client, addr)
	wantInt(t, "balanceOf(alice)", call(t, pass, bp.PackBalanceOf(alice.addr), bp.UnpackBalanceOf), 3)
	wantInt(t, "balanceOf(bob)", call(t, pass, bp.PackBalanceOf(bob.addr), bp.UnpackBalanceOf), 5)
	if got := call(t, pass, bp.PackOwnerOf(big.NewInt(8)), bp.UnpackOwnerOf); got != bob.addr {
		t.Errorf("ownerOf(8) = %s, want bob", got)
	}

	// mintMany continues after the batches, one Transfer per token.
	r = c.transact(owner, pass, bp.PackMintMany([]common.Address{carol.addr, alice.addr}))
	if len(r.Logs) != 2 {
		t.Fatalf("mintMany of 2 emitted %d logs, want 2 Transfers", len(r.Logs))
	}
	if got := call(t, pass, bp.PackOwnerOf(big.NewInt(9)), bp.UnpackOwnerOf); got != carol.addr {
		t.Errorf("ownerOf(9) = %s, want carol", got)
	}
	wantInt(t, "balanceOf(alice) after mintMany", call(t, pass, bp.PackBalanceOf(alice.addr), bp.UnpackBalanceOf), 4)
	revertAs[*bindings.BatchPassOwnableUnauthorizedAccount](t, bp.UnpackError, c.reverts(alice, pass, bp.PackMintMany([]common.Address{alice.addr})))

	// A batch-minted token transfers and burns like any other.
	c.transact(alice, pass, bp.PackTransferFrom(alice.addr, carol.addr, big.NewInt(2)))
	c.transact(bob, pass, bp.PackBurn(big.NewInt(5)))
	wantInt(t, "balanceOf(carol)", call(t, pass, bp.PackBalanceOf(carol.addr), bp.UnpackBalanceOf), 2)
	wantInt(t, "balanceOf(bob) after burn", call(t, pass, bp.PackBalanceOf(bob.addr), bp.UnpackBalanceOf), 4)
	revertAs[*bindings.BatchPassERC721NonexistentToken](t, bp.UnpackError, callReverts(t, pass, bp.PackOwnerOf(big.NewInt(5))))
}
